package com.alluse.streams.cli;

import com.alluse.streams.client.PipelineAcls;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.topology.StreamsSettings;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.common.acl.AclBinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints the least Kafka ACLs of one principal as kafka-acls commands, for operators to apply. */
@Command(
        name = "acls",
        mixinStandardHelpOptions = true,
        description = {
            "Print the Kafka ACLs a principal needs for its role, one `kafka-acls --add` command per resource "
                    + "(add --bootstrap-server and --command-config to run them). docs/security.md explains each.",
            "Roles: app (the pipeline with its HTTP API), producer (alluse produce and calendar), reader "
                    + "(alluse consume, sink connectors)."
        },
        footer = {
            "%nExamples:",
            "  alluse acls --role app --principal User:alluse-app --application-id alluse-account-streams",
            "  alluse acls --role reader --principal User:reporting --group reporting-sink",
            "%nExit codes: 0 printed; 2 bad options."
        })
final class AclsCommand implements Callable<Integer> {
    /** The principals of the pipeline, each with its own least set of ACLs. */
    enum AclRole {
        APP,
        PRODUCER,
        READER
    }

    @Option(names = "--role", required = true, description = "app, producer or reader.")
    AclRole role;

    @Option(
            names = "--principal",
            required = true,
            paramLabel = "User:NAME",
            description = "The principal to grant, e.g. User:alluse-app.")
    String principal;

    @Option(
            names = "--application-id",
            defaultValue = StreamsSettings.DEFAULT_APPLICATION_ID,
            description = "app: its application.id, the prefix of its group, transactional ids and internal topics "
                    + "(default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(
            names = "--topic-prefix",
            paramLabel = "PREFIX",
            defaultValue = "alluse.",
            description = "Prefix of every pipeline topic, as given to `alluse run` (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--group", description = "reader: its consumer group, if it uses one (alluse consume does not).")
    String group;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!principal.contains(":")) {
            spec.commandLine().getErr().println("error: --principal must be TYPE:NAME, e.g. User:alluse-app");
            return ExitCodes.USAGE;
        }
        TopicNames topics = TopicNames.withPrefix(topicPrefix);
        List<AclBinding> acls = switch (role) {
            case APP -> PipelineAcls.pipeline(principal, topics, applicationId);
            case PRODUCER -> PipelineAcls.producer(principal, topics);
            case READER -> PipelineAcls.reader(principal, topics, group);
        };
        PrintWriter out = spec.commandLine().getOut();
        PipelineAcls.kafkaAclsCommands(acls).forEach(out::println);
        out.flush();
        return ExitCodes.OK;
    }
}
