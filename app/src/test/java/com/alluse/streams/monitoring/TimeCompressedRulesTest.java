package com.alluse.streams.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TimeCompressedRulesTest {
    private static final String RULE = """
              - alert: A
                expr: increase(x_total{job="alluse"}[15m]) > 0 and rate(y[5m]) > 0.2 and z[1h] > 1
                for: 5m
                labels:
                  severity: warning
                annotations:
                  description: "for 5 minutes [not a selector]"
            """;

    @Test
    void shouldDivideEveryForAndRangeDurationByTheFactor() {
        String compressed = TimeCompressedRules.compress(RULE, TimeCompressedRules.MINUTES_TO_SECONDS);

        assertThat(compressed)
                .contains("increase(x_total{job=\"alluse\"}[15s]) > 0 and rate(y[5s]) > 0.2 and z[60s] > 1")
                .contains("    for: 5s\n")
                .contains("description: \"for 5 minutes [not a selector]\"");
    }

    @Test
    void shouldKeepAtLeastOneSecondAndEverythingElse() {
        String rule = "    for: 30s\n    expr: rate(x[90s])\n";

        assertThat(TimeCompressedRules.compress(rule, 60)).isEqualTo("    for: 1s\n    expr: rate(x[1s])\n");
        assertThat(TimeCompressedRules.compress(RULE, 1)
                        .replace("[3600s]", "[1h]")
                        .replace("[900s]", "[15m]")
                        .replace("[300s]", "[5m]")
                        .replace("for: 300s", "for: 5m"))
                .isEqualTo(RULE);
    }

    @Test
    void shouldRefuseAFactorBelowOne() {
        assertThatThrownBy(() -> TimeCompressedRules.compress(RULE, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
