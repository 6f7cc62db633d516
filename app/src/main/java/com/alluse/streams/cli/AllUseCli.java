package com.alluse.streams.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code alluse} command line: run the pipeline, produce and consume its topics, register its schemas. */
@Command(
        name = "alluse",
        mixinStandardHelpOptions = true,
        version = "ALL-USE Account Streams 0.1.0",
        description = "ALL-USE account management on Kafka Streams.",
        subcommands = {
            RunCommand.class,
            ProduceCommand.class,
            ConsumeCommand.class,
            CalendarCommand.class,
            SchemasCommand.class,
            ProjectCommand.class,
            ConnectCommand.class,
            DrDrillCommand.class,
            AclsCommand.class,
            SimulateCommand.class
        })
public final class AllUseCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new AllUseCli()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
