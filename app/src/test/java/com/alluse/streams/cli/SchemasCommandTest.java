package com.alluse.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.localstack.InMemorySchemaRegistryServer;
import com.alluse.streams.serde.InMemorySchemaRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `alluse schemas register|list` against the in-memory registry, in this JVM (mock://) and over HTTP. */
class SchemasCommandTest {
    /** Every pipeline topic's value subject, inputs included. */
    private static final int PUBLIC_SUBJECTS = com.alluse.streams.client.PipelineTopics.valueTypes(
                    com.alluse.streams.client.TopicNames.DEFAULT)
            .size();

    private static final String SCOPE = "schemas-command-test";
    private static final String MOCK_URL = "mock://" + SCOPE;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void dropRegistry() {
        InMemorySchemaRegistry.dropScope(SCOPE);
    }

    private int run(String... args) {
        CommandLine cli = AllUseCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void shouldRegisterEveryPipelineSubjectAndPrintItsIdAndVersion() {
        assertThat(run("schemas", "register", "--schema-registry-url", MOCK_URL))
                .isEqualTo(ExitCodes.OK);

        assertThat(out.toString().lines())
                .hasSize(PUBLIC_SUBJECTS)
                .contains(
                        "alluse.commands-value -> id 1, version 1 (com.alluse.streams.avro.AccountCommand;"
                                + " this release's schema)",
                        "alluse.calendar-value -> id 2, version 1 (com.alluse.streams.avro.CalendarEvent;"
                                + " this release's schema)",
                        "alluse.market-executions-value -> id 3, version 1"
                                + " (com.alluse.streams.avro.ExecutionReport; this release's schema)");
        assertThat(InMemorySchemaRegistry.forScope(SCOPE).subjects()).hasSize(PUBLIC_SUBJECTS);
    }

    @Test
    void shouldListSubjectsNotYetRegisteredWithoutRegisteringThem() {
        assertThat(run("schemas", "list", "--schema-registry-url", MOCK_URL, "--topic-prefix", "t."))
                .isEqualTo(ExitCodes.OK);

        assertThat(out.toString().lines())
                .hasSize(PUBLIC_SUBJECTS)
                .first()
                .isEqualTo("t.commands-value -> not registered (run: alluse schemas register)");
        assertThat(InMemorySchemaRegistry.forScope(SCOPE).subjects()).isEmpty();
    }

    @Test
    void shouldFailNamingTheSubjectWhenTheRegistryRefusesASchema() {
        InMemorySchemaRegistry.forScope(SCOPE)
                .register(
                        "alluse.calendar-value",
                        SchemaBuilder.record("CalendarEvent")
                                .namespace("com.alluse.streams.avro")
                                .fields()
                                .requiredInt("legacy")
                                .endRecord());

        assertThat(run("schemas", "register", "--schema-registry-url", MOCK_URL))
                .isEqualTo(ExitCodes.KAFKA_FAILURE);

        assertThat(err.toString())
                .startsWith("error: registering the schemas failed: Schema is incompatible with the schemas"
                        + " registered under subject 'alluse.calendar-value': this release's"
                        + " com.alluse.streams.avro.CalendarEvent is refused (latest registered: version 1");
    }

    @Test
    void shouldRegisterOverHttpAndListTheSameIds() {
        try (InMemorySchemaRegistryServer server = InMemorySchemaRegistryServer.start("127.0.0.1", 0)) {
            assertThat(run("schemas", "register", "--schema-registry-url", server.url()))
                    .isEqualTo(ExitCodes.OK);
            String registered = out.toString();
            out.getBuffer().setLength(0);

            assertThat(run("schemas", "list", "--schema-registry-url", server.url()))
                    .isEqualTo(ExitCodes.OK);

            assertThat(out.toString()).isEqualTo(registered);
            assertThat(server.registry().subjects()).hasSize(PUBLIC_SUBJECTS);
        }
    }
}
