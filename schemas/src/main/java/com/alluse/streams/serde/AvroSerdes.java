package com.alluse.streams.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Configured serdes for generated Avro records, e.g. for {@code Consumed.with(Serdes.String(), ...)}.
 *
 * <pre>{@code
 * Map<String, Object> config = Map.of("schema.registry.url", "http://127.0.0.1:8081"); // or "mock://test"
 * Serde<AccountCommand> commands = AvroSerdes.specific(AccountCommand.class, config, false);
 * }</pre>
 */
public final class AvroSerdes {
    private AvroSerdes() {}

    /** A value ({@code isKey=false}) or key serde for any generated class, configured from {@code config}. */
    public static <T extends SpecificRecord> SpecificAvroSerde<T> specific(Map<String, ?> config, boolean isKey) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>();
        serde.configure(config, isKey);
        return serde;
    }

    /** As {@link #specific(Map, boolean)}, refusing records of any type other than {@code type}. */
    public static <T extends SpecificRecord> SpecificAvroSerde<T> specific(
            Class<T> type, Map<String, ?> config, boolean isKey) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(config, isKey);
        return serde;
    }
}
