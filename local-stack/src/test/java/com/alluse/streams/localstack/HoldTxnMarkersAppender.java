package com.alluse.streams.localstack;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test hook for a child broker JVM (see {@code logback-hold-txn-markers.xml}): parks the transaction
 * coordinator's marker sender thread just before it sends its first WriteTxnMarkers request, so a commit is
 * durable in the transaction log (PREPARE_COMMIT, commitTransaction() returned) while its commit markers are
 * never written to the data partitions. Killing the broker then leaves exactly the state that a SIGKILL right
 * after a commit leaves on a loaded machine, every time. Creates the file named by the system property
 * {@value #FLAG_PROPERTY} once it holds the markers, so a test can check that the hook fired.
 */
public final class HoldTxnMarkersAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    static final String FLAG_PROPERTY = "alluse.test.txnMarkersHeldFlag";
    static final String CONFIG_RESOURCE = "logback-hold-txn-markers.xml";

    @Override
    protected void append(ILoggingEvent event) {
        // NetworkClient formats the message itself: "... Sending WRITE_TXN_MARKERS request with header ..."
        if (!event.getThreadName().startsWith("TxnMarkerSenderThread")
                || !event.getFormattedMessage().contains("Sending WRITE_TXN_MARKERS request")) {
            return;
        }
        try {
            Files.createFile(Path.of(System.getProperty(FLAG_PROPERTY)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Parked until the JVM is killed: the markers are never sent.
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // Keep holding: only the kill ends this thread.
            }
        }
    }
}
