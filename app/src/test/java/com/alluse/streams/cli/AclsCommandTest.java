package com.alluse.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AclsCommandTest {
    private record Run(int exitCode, String out, String err) {}

    private static Run acls(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli =
                AllUseCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "acls";
        System.arraycopy(args, 0, all, 1, args.length);
        return new Run(cli.execute(all), out.toString(), err.toString());
    }

    @Test
    void shouldPrintTheAppsKafkaAclsCommandsForItsApplicationIdAndTopicPrefix() {
        Run run = acls(
                "--role",
                "app",
                "--principal",
                "User:ledger",
                "--application-id",
                "ledger-1",
                "--topic-prefix",
                "prod.");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines())
                .contains(
                        "kafka-acls --add --allow-principal User:ledger --group ledger-1 --operation Read",
                        "kafka-acls --add --allow-principal User:ledger --topic ledger-1- --resource-pattern-type prefixed"
                                + " --operation Create --operation Read --operation Write --operation Delete"
                                + " --operation Describe --operation DescribeConfigs")
                .allMatch(line -> line.startsWith("kafka-acls --add --allow-principal User:ledger "))
                .anyMatch(line -> line.contains("--topic prod.commands "));
    }

    @Test
    void shouldPrintOnlyTheInputsForAProducerAndTheReadersGroupWhenGiven() {
        Run producer = acls("--role", "producer", "--principal", "User:p");
        Run reader = acls("--role", "READER", "--principal", "User:r", "--group", "sink");

        assertThat(producer.out().lines())
                .hasSize(4)
                .allMatch(line -> line.contains("--topic alluse.commands ")
                        || line.contains("--topic alluse.calendar ")
                        || line.contains("--topic alluse.market-executions ")
                        || line.contains("--topic alluse.broker-snapshots "));
        assertThat(reader.out()).contains("--group sink --operation Read").doesNotContain("Write");
    }

    @Test
    void shouldRefuseAPrincipalWithoutTypeAndAnUnknownRole() {
        Run noType = acls("--role", "app", "--principal", "ledger");
        Run badRole = acls("--role", "admin", "--principal", "User:x");

        assertThat(noType.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noType.err()).contains("--principal must be TYPE:NAME");
        assertThat(badRole.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badRole.out()).isEmpty();
    }
}
