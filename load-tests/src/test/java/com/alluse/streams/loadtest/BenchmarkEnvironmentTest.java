package com.alluse.streams.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void shouldRunTheBrokerInAJvmOfItsOwnAndReportItsResidentSetApart() throws Exception {
        BenchmarkEnvironment env = BenchmarkEnvironment.start(dir, true);
        try (env) {
            assertThat(env.brokerInOwnProcess()).isTrue();
            assertThat(env.brokerResidentBytes()).isPositive();
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers()))) {
                assertThat(admin.describeCluster().nodes().get()).hasSize(1);
            }
        }
        assertThat(env.brokerResidentBytes()).as("the broker process is gone").isEqualTo(-1);
    }

    @Test
    @Timeout(120)
    void shouldReportNoSeparateBrokerMemoryWhenTheBrokerRunsInThisProcess() {
        try (BenchmarkEnvironment env = BenchmarkEnvironment.start(dir, false)) {
            assertThat(env.brokerInOwnProcess()).isFalse();
            assertThat(env.brokerResidentBytes()).isEqualTo(-1);
        }
    }
}
