package com.alluse.streams.processors.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.avro.internal.PortfolioState;
import com.alluse.streams.domain.Portfolio;
import com.alluse.streams.domain.Template;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PortfolioStateMapperTest {

    private static Portfolio portfolio(Template template) {
        return new Portfolio(
                "P1",
                "owner-1",
                template,
                25_000_000L,
                5_000_000L,
                50_000_000L,
                111L,
                3,
                1,
                new Portfolio.Flows(1L, 2L, 3L, 4L, 5L));
    }

    @Test
    void shouldCarryEveryFieldOfAPortfolioToItsState() {
        assertThat(PortfolioStateMapper.toAvro(portfolio(Template.CONSERVATIVE)))
                .isEqualTo(PortfolioState.newBuilder()
                        .setPortfolioId("P1")
                        .setOwnerId("owner-1")
                        .setTemplate("CONSERVATIVE")
                        .setCapitalCents(25_000_000L)
                        .setForkThresholdCents(5_000_000L)
                        .setMergeThresholdCents(50_000_000L)
                        .setForkCount(3)
                        .setMergeCount(1)
                        .setDepositsCents(1L)
                        .setWithdrawalsCents(2L)
                        .setPremiumsCents(3L)
                        .setLossesCents(4L)
                        .setCommissionsCents(5L)
                        .setOpenedAtMs(111L)
                        .build());
    }

    @ParameterizedTest
    @EnumSource(Template.class)
    void shouldReadEveryFieldBackForEveryTemplate(Template template) {
        Portfolio read = PortfolioStateMapper.toDomain(PortfolioStateMapper.toAvro(portfolio(template)));

        assertThat(read.template()).isSameAs(template);
        assertThat(read.portfolioId()).isEqualTo("P1");
        assertThat(read.ownerId()).isEqualTo("owner-1");
        assertThat(read.capitalCents()).isEqualTo(25_000_000L);
        assertThat(read.forkThresholdCents()).isEqualTo(5_000_000L);
        assertThat(read.mergeThresholdCents()).isEqualTo(50_000_000L);
        assertThat(read.openedAtMs()).isEqualTo(111L);
        assertThat(read.forkCount()).isEqualTo(3);
        assertThat(read.mergeCount()).isEqualTo(1);
        assertThat(read.expectedTotalCents()).as("capital + 1 - 2 + 3 - 4 - 5").isEqualTo(24_999_993L);
        assertThat(PortfolioStateMapper.toAvro(read)).isEqualTo(PortfolioStateMapper.toAvro(portfolio(template)));
    }

    /** The template is a string in the state; a corrupt one fails when the state is read, inside the processors' decide step. */
    @Test
    void shouldRefuseAStoredTemplateOfNoKnownName() {
        PortfolioState state = PortfolioStateMapper.toAvro(portfolio(Template.MODERATE));
        state.setTemplate("NO-SUCH-TEMPLATE");

        assertThatThrownBy(() -> PortfolioStateMapper.toDomain(state)).isInstanceOf(IllegalArgumentException.class);
    }
}
