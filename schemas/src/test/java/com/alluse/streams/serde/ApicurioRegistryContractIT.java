package com.alluse.streams.serde;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The registry contract held by a real registry: Apicurio Registry 3.0.9 through its
 * Confluent-compatible API (http://127.0.0.1:port/apis/ccompat/v7), started as a child process.
 * Run by failsafe in {@code mvn -pl schemas verify}.
 */
class ApicurioRegistryContractIT extends SchemaRegistryContract {
    private static ApicurioRegistryProcess apicurio;

    @BeforeAll
    static void startApicurio() throws Exception {
        apicurio = ApicurioRegistryProcess.start();
    }

    @AfterAll
    static void stopApicurio() {
        if (apicurio != null) {
            apicurio.close();
        }
    }

    @Override
    protected String registryUrl() {
        return apicurio.ccompatUrl();
    }
}
