package com.alluse.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.topology.AccountStreamsApp;
import com.alluse.streams.topology.BrokerFixture;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The demo of `alluse run` on a real broker: every command answered, the rejections it is written to provoke. */
@Timeout(180)
class DemoLoadIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private BrokerFixture kafka;
    private AccountStreamsApp app;

    @BeforeEach
    void start() throws InterruptedException {
        kafka = new BrokerFixture(dir);
        app = kafka.startPipeline(3, dir.resolve("state"), WAIT);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        kafka.close();
    }

    @Test
    void shouldAnswerEveryDemoCommandWithTheRejectionsItProvokes() {
        DemoLoad demo = new DemoLoad(kafka.bootstrapServers(), kafka.serdeConfig, kafka.topics, "it1");

        DemoLoad.Summary summary = demo.run(WAIT);

        assertThat(summary.missingResults()).isZero();
        assertThat(summary.commands()).isEqualTo(demo.commands(0).size());
        assertThat(summary.outcomes().get(CommandOutcome.REJECTED)).isEqualTo(4);
        assertThat(summary.outcomes().get(CommandOutcome.ACCEPTED)).isEqualTo(summary.commands() - 4);
        assertThat(summary.rejections())
                .containsExactly(
                        "demo-it1-c4: WITHDRAWAL_FORBIDDEN",
                        "demo-it1-c5: INSUFFICIENT_AVAILABLE",
                        "demo-it1-c10: ACCOUNT_CLOSED",
                        "demo-it1-c17: ACCOUNT_NOT_ACTIVE");
    }
}
