package com.alluse.streams.processors.internals;

import com.alluse.streams.avro.ExecutionReport;
import com.alluse.streams.processors.StoreNames;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * What each execution id was first reported as: the fingerprint of the whole report (order,
 * symbol, quantity, price and time included, which the ledger's command fingerprint does not
 * cover) and where it was read. Windowed by stream time like the command receipts.
 */
public final class ExecutionFingerprints {
    /** The first report of an execution id: its position on the executions topic and its fingerprint. */
    public record FirstReport(int partition, long offset, String fingerprintHex) {
        static FirstReport parse(String stored) {
            int at = stored.indexOf('@');
            int space = stored.indexOf(' ');
            return new FirstReport(
                    Integer.parseInt(stored.substring(0, at)),
                    Long.parseLong(stored.substring(at + 1, space)),
                    stored.substring(space + 1));
        }

        String format() {
            return partition + "@" + offset + " " + fingerprintHex;
        }
    }

    private final ProcessorContext<?, ?> context;
    private final WindowStore<String, String> store;
    private final long retentionMs;
    private final AvroFingerprint fingerprint = new AvroFingerprint(ExecutionReport.getClassSchema());

    public ExecutionFingerprints(ProcessorContext<?, ?> context, long retentionMs) {
        this.context = context;
        this.store = context.getStateStore(StoreNames.EXECUTION_FINGERPRINTS);
        this.retentionMs = retentionMs;
    }

    public String fingerprintHex(ExecutionReport report) {
        return HexFormat.of().formatHex(fingerprint.of("", report));
    }

    /** Within the retained time range only, as {@link Receipts#find} and for the same reason. */
    public Optional<FirstReport> find(String executionId) {
        long nowMs = context.currentStreamTimeMs();
        try (WindowStoreIterator<String> found = store.fetch(executionId, Math.max(0, nowMs - retentionMs), nowMs)) {
            return found.hasNext() ? Optional.of(FirstReport.parse(found.next().value)) : Optional.empty();
        }
    }

    public FirstReport record(String executionId, RecordMetadata source, String fingerprintHex) {
        FirstReport first = new FirstReport(source.partition(), source.offset(), fingerprintHex);
        store.put(executionId, first.format(), context.currentStreamTimeMs());
        return first;
    }
}
