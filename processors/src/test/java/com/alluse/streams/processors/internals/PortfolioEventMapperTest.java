package com.alluse.streams.processors.internals;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountStatusChanged;
import com.alluse.streams.avro.BufferBreach;
import com.alluse.streams.avro.DrawdownBreach;
import com.alluse.streams.avro.DrawdownCleared;
import com.alluse.streams.avro.ForkCompleted;
import com.alluse.streams.avro.MergeCompleted;
import com.alluse.streams.avro.PortfolioEvent;
import com.alluse.streams.avro.PortfolioOpened;
import com.alluse.streams.avro.ReinvestmentAllocated;
import com.alluse.streams.avro.ReinvestmentDeferred;
import com.alluse.streams.domain.AccountStatus;
import com.alluse.streams.domain.Cause;
import com.alluse.streams.domain.DomainEvent;
import com.alluse.streams.domain.Performance;
import com.alluse.streams.domain.ReinvestmentSplit;
import com.alluse.streams.domain.Template;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PortfolioEventMapperTest {
    private static final Cause CAUSE = new Cause("cmd-7", 1_700_000_000_000L);
    // Index 0.92 against a high-water mark of 1.0: drawdown 8%.
    private static final Performance PERFORMANCE = new Performance(0L, 0L, 920_000_000L, 1_000_000_000L, true);

    static Stream<Arguments> everyEvent() {
        return Stream.of(
                Arguments.of(
                        new DomainEvent.PortfolioOpened(
                                "owner",
                                Template.AGGRESSIVE,
                                25_000_000L,
                                new Template.Split(12_500_000L, 5_000_000L, 7_500_000L),
                                "P1:GEN",
                                "P1:REV",
                                "P1:COM",
                                5_000_000L,
                                50_000_000L),
                        new PortfolioOpened(
                                "owner",
                                "AGGRESSIVE",
                                25_000_000L,
                                "P1:GEN",
                                12_500_000L,
                                "P1:REV",
                                5_000_000L,
                                "P1:COM",
                                7_500_000L,
                                5_000_000L,
                                50_000_000L)),
                Arguments.of(
                        new DomainEvent.ForkCompleted(
                                "P1:F1", "P1:GEN", 5_000_001L, "P1:F1:GEN", 2_500_001L, "P1:F1:COM", 2_500_000L),
                        new ForkCompleted(
                                "P1:F1", "P1:GEN", 5_000_001L, "P1:F1:GEN", 2_500_001L, "P1:F1:COM", 2_500_000L)),
                Arguments.of(
                        new DomainEvent.MergeCompleted(
                                "P1:M1",
                                "P1:F1",
                                "P1:F1:GEN",
                                30_000_000L,
                                "P1:F1:COM",
                                20_000_000L,
                                "P1:COM",
                                50_000_000L),
                        new MergeCompleted(
                                "P1:M1",
                                "P1:F1",
                                "P1:F1:GEN",
                                30_000_000L,
                                "P1:F1:COM",
                                20_000_000L,
                                "P1:COM",
                                50_000_000L)),
                Arguments.of(
                        new DomainEvent.ReinvestmentAllocated(
                                "P1:REV", "2026-Q1", 1_000_000L, new ReinvestmentSplit(750_000L, 250_000L)),
                        new ReinvestmentAllocated("P1:REV", "2026-Q1", 1_000_000L, 750_000L, 250_000L)),
                Arguments.of(
                        new DomainEvent.ReinvestmentDeferred("P1:REV", "2026-Q1", 999_999L, 1_000_000L),
                        new ReinvestmentDeferred("P1:REV", "2026-Q1", 999_999L, 1_000_000L)),
                Arguments.of(
                        new DomainEvent.DrawdownBreach("P1:GEN", "2026-W02", PERFORMANCE, 700),
                        new DrawdownBreach("P1:GEN", "2026-W02", 920_000_000L, 1_000_000_000L, 800, 700)),
                Arguments.of(
                        new DomainEvent.DrawdownCleared("P1:GEN", "2026-W03", PERFORMANCE, 1_500),
                        new DrawdownCleared("P1:GEN", "2026-W03", 920_000_000L, 1_000_000_000L, 800, 1_500)),
                Arguments.of(
                        new DomainEvent.BufferBreach("P1:GEN", 4_999_999L, 5_000_000L),
                        new BufferBreach("P1:GEN", 4_999_999L, 5_000_000L)),
                Arguments.of(
                        new DomainEvent.AccountStatusChanged(
                                "P1:GEN", AccountStatus.SUSPENDED, AccountStatus.CLOSED, "MERGED"),
                        new AccountStatusChanged(
                                "P1:GEN",
                                com.alluse.streams.avro.AccountStatus.SUSPENDED,
                                com.alluse.streams.avro.AccountStatus.CLOSED,
                                "MERGED")));
    }

    @ParameterizedTest
    @MethodSource("everyEvent")
    void shouldMapEveryDomainEventToThePayloadOfItsKind(DomainEvent event, Object expectedPayload) {
        PortfolioEvent mapped = PortfolioEventMapper.toAvro("P1", CAUSE, 2, event);

        assertThat(mapped.getPayload()).isEqualTo(expectedPayload);
    }

    @Test
    void shouldHaveAPayloadCaseForEveryKindOfDomainEvent() {
        Set<Class<?>> covered = new HashSet<>();
        everyEvent().forEach(arguments -> covered.add(arguments.get()[0].getClass()));

        assertThat(covered).containsExactlyInAnyOrder(DomainEvent.class.getPermittedSubclasses());
    }

    @Test
    void shouldIdentifyAnEventByPortfolioCauseAndIndexAndCarryTheCause() {
        PortfolioEvent mapped =
                PortfolioEventMapper.toAvro("P1", CAUSE, 2, new DomainEvent.BufferBreach("P1:GEN", 1L, 2L));

        assertThat(mapped.getEventId()).isEqualTo("P1/cmd-7/2").isEqualTo(PortfolioEventMapper.eventId("P1", CAUSE, 2));
        assertThat(mapped.getPortfolioId()).isEqualTo("P1");
        assertThat(mapped.getCommandId()).isEqualTo("cmd-7");
        assertThat(mapped.getEventTimeMs()).isEqualTo(1_700_000_000_000L);
        assertThat(List.of(PortfolioEventMapper.eventId("P2", CAUSE, 2), PortfolioEventMapper.eventId("P1", CAUSE, 3)))
                .as("a calendar event touches every portfolio: ids differ by portfolio and index")
                .doesNotContain(mapped.getEventId());
    }
}
