package com.alluse.streams.localstack;

import com.alluse.streams.serde.SchemaRegistryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The registry contract held by the in-memory registry served over HTTP. */
class InMemoryRegistryServerContractTest extends SchemaRegistryContract {
    private static InMemorySchemaRegistryServer server;

    @BeforeAll
    static void startServer() {
        server = InMemorySchemaRegistryServer.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected String registryUrl() {
        return server.url();
    }
}
