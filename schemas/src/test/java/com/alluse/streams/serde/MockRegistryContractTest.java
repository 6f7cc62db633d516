package com.alluse.streams.serde;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;

/** The registry contract held by the in-process {@code mock://} registry. */
class MockRegistryContractTest extends SchemaRegistryContract {
    private static final String SCOPE = "contract-" + UUID.randomUUID();

    @AfterAll
    static void dropScope() {
        InMemorySchemaRegistry.dropScope(SCOPE);
    }

    @Override
    protected String registryUrl() {
        return "mock://" + SCOPE;
    }
}
