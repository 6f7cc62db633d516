package com.alluse.streams.serde;

import com.alluse.streams.serde.internals.RestSchemaRegistryClient;

/** Chooses the {@link SchemaRegistryClient} implementation for a configuration. */
public final class SchemaRegistryClients {
    private SchemaRegistryClients() {}

    /**
     * {@code mock://scope} gives the JVM-wide {@link InMemorySchemaRegistry} of that scope,
     * {@code http(s)://...} a REST client.
     */
    public static SchemaRegistryClient create(SchemaRegistryConfig config) {
        if (config.isMock()) {
            return InMemorySchemaRegistry.forScope(config.mockScope());
        }
        return new RestSchemaRegistryClient(config);
    }
}
