package com.alluse.streams.client.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.avro.BrokerSnapshot;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SnapshotJsonTest {
    private final SnapshotJson json = new SnapshotJson();

    @Test
    void shouldReadMoneyAsDecimalsOrCentsAndTheTimeAsAnInstantOrMillis() throws Exception {
        BrokerSnapshot decimals = json.parse("{\"snapshotId\":\"s1\",\"accountId\":\"P1:GEN\",\"cash\":\"60000.01\","
                + "\"positionsValue\":\"40000\",\"asOf\":\"2026-11-27T21:00:00Z\",\"source\":\"ib\"}");
        BrokerSnapshot cents = json.parse("{\"snapshotId\":\"s2\",\"accountId\":\"P1:GEN\",\"cashCents\":5,"
                + "\"positionsValueCents\":0,\"asOfMs\":1000}");

        assertThat(decimals.getCashCents()).isEqualTo(6_000_001L);
        assertThat(decimals.getPositionsValueCents()).isEqualTo(4_000_000L);
        assertThat(decimals.getAsOfMs())
                .isEqualTo(Instant.parse("2026-11-27T21:00:00Z").toEpochMilli());
        assertThat(decimals.getSource()).isEqualTo("ib");
        assertThat(cents.getCashCents()).isEqualTo(5);
        assertThat(cents.getAsOfMs()).isEqualTo(1000);
        assertThat(cents.getSource()).isNull();
    }

    @Test
    void shouldPassNegativeValuesOnForThePipelineToAnswer() throws Exception {
        assertThat(json.parse("{\"snapshotId\":\"s1\",\"accountId\":\"P1:GEN\",\"cash\":\"-1.00\","
                                + "\"positionsValue\":\"0\",\"asOfMs\":1}")
                        .getCashCents())
                .isEqualTo(-100);
    }

    @Test
    void shouldRejectWhatCannotBeRepresented() {
        assertThatThrownBy(() -> json.parse("{\"snapshotId\":\"s1\",\"accountId\":\"P1:GEN\",\"cash\":\"1.001\","
                        + "\"positionsValue\":\"0\",\"asOfMs\":1}"))
                .isInstanceOf(InvalidCommandJsonException.class);
        assertThatThrownBy(() -> json.parse(
                        "{\"snapshotId\":\"s1\",\"accountId\":\"P1:GEN\",\"cash\":\"1\",\"positionsValue\":\"0\"}"))
                .hasMessageContaining("asOf");
        assertThatThrownBy(() -> json.parse("{\"snapshotId\":\"s1\",\"accountId\":\"P1:GEN\",\"cash\":\"1\","
                        + "\"positionsValue\":\"0\",\"asOfMs\":1,\"positions\":\"3\"}"))
                .hasMessageContaining("unknown field \"positions\"");
        assertThatThrownBy(() -> json.parse("[1]")).hasMessageContaining("expected a JSON object");
    }
}
