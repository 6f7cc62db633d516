package com.alluse.streams.cli;

import com.alluse.streams.serde.RegisteredSchema;
import com.alluse.streams.topology.SchemaRegistration;
import com.alluse.streams.topology.SchemaRegistration.SubjectStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Registers and lists the value schemas of the pipeline topics: the contract other teams' producers use. */
@Command(
        name = "schemas",
        mixinStandardHelpOptions = true,
        description = {
            "Register or list the Avro value schema of every pipeline topic, inputs (commands, calendar) included, "
                    + "under its TopicNameStrategy subject <topic>-value.",
            "`alluse run` registers them at start too; run `schemas register` to prepare a registry before "
                    + "producers with auto.register.schemas=false write."
        },
        subcommands = {SchemasCommand.Register.class, SchemasCommand.ListSubjects.class})
final class SchemasCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "register",
            mixinStandardHelpOptions = true,
            description = {
                "Register this release's schema of every pipeline topic (already registered ones keep their id). "
                        + "A subject it creates gets compatibility FULL; an existing one keeps its level.",
                "One line per subject: <subject> -> id <id>, version <version> (<record>; whether the latest "
                        + "version is this release's schema)."
            },
            footer = {
                "%nExamples:",
                "  alluse schemas register",
                "  alluse schemas register --schema-registry-url https://registry:8081 --topic-prefix prod.alluse.",
                "%nExit codes: 0 all registered; 2 bad options; 3 the registry failed or refused a schema "
                        + "(the message names the subject)."
            })
    static final class Register implements Callable<Integer> {
        @Mixin
        RegistryOptions registry;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return withRegistration(spec, registry, "registering the schemas", SchemaRegistration::registerAll);
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = {
                "List what the registry holds under every pipeline subject, registering nothing: "
                        + "<subject> -> id <id>, version <version> (<record>) of the latest version, "
                        + "and whether it is this release's schema."
            },
            footer = {
                "%nExit codes: 0 listed (a subject not registered is listed as such); 2 bad options; "
                        + "3 the registry failed."
            })
    static final class ListSubjects implements Callable<Integer> {
        @Mixin
        RegistryOptions registry;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return withRegistration(spec, registry, "listing the schemas", SchemaRegistration::list);
        }
    }

    private static int withRegistration(
            CommandSpec spec,
            RegistryOptions options,
            String action,
            Function<SchemaRegistration, List<SubjectStatus>> work) {
        PrintWriter out = spec.commandLine().getOut();
        return ExitCodes.run(spec.commandLine().getErr(), action, () -> {
            try (SchemaRegistration registration = SchemaRegistration.open(options.serdeConfig(), options.topics())) {
                work.apply(registration).forEach(status -> out.println(line(status)));
            }
            return ExitCodes.OK;
        });
    }

    private static String line(SubjectStatus status) {
        String subject = status.type().subject();
        if (status.latest().isEmpty()) {
            return subject + " -> not registered (run: alluse schemas register)";
        }
        RegisteredSchema latest = status.latest().get();
        String release = status.latestIsRelease()
                ? "this release's schema"
                : status.releaseSchemaId().isPresent()
                        ? "this release's schema is id "
                                + status.releaseSchemaId().getAsInt() + ", not the latest"
                        : "this release's schema is not registered";
        return subject + " -> id " + latest.id() + ", version " + latest.version() + " ("
                + latest.schema().getFullName() + "; " + release + ")";
    }
}
