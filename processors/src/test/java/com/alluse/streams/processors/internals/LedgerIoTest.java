package com.alluse.streams.processors.internals;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.internal.CommandReceipt;
import com.alluse.streams.processors.ProcessorFixture;
import com.alluse.streams.processors.SinkNames;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerIoTest {
    @TempDir
    Path stateDir;

    private ProcessorFixture fixture;
    private LedgerIo<AccountCommand> io;

    @BeforeEach
    void start() {
        fixture = new ProcessorFixture(stateDir);
        io = LedgerIo.init(
                fixture.context, fixture.deserializer(), AccountCommand.class, ProcessorFixture.RETENTION.toMillis());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void shouldDeadLetterWhatItsDecoderCannotDecodeOnItsOwnContext() {
        assertThat(io.context()).isSameAs(fixture.context);

        assertThat(io.decoder()
                        .decode(fixture.arrive(ProcessorFixture.COMMANDS_TOPIC, null, new byte[] {0, 0, 0, 0, 9})))
                .isEmpty();

        assertThat(fixture.context.forwarded(SinkNames.DEAD_LETTERS)).hasSize(1);
    }

    @Test
    void shouldWorkOnTheStoresOfItsContext() {
        io.receipts()
                .record(
                        "P1/c1",
                        new CommandReceipt(
                                "c1", ByteBuffer.wrap(new byte[] {7}), CommandOutcome.ACCEPTED, null, 0, 5L));

        assertThat(io.writer().portfolios()).isSameAs(fixture.portfolios);
        assertThat(fixture.snapshot().receipts()).singleElement().asString().startsWith("P1/c1@");
    }
}
