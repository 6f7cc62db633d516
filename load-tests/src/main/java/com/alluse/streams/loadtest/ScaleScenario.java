package com.alluse.streams.loadtest;

import com.alluse.streams.client.TopicNames;
import com.alluse.streams.processors.StoreNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grows one exactly-once pipeline to each account count in turn (3 accounts per portfolio),
 * measuring after each step a fixed mix over all portfolios, the process's RSS and the state
 * directory; then stops it, deletes its local state, times the restore from the changelogs and
 * measures the mix once more.
 */
final class ScaleScenario {
    private static final Logger LOG = LoggerFactory.getLogger(ScaleScenario.class);
    static final String NAME = "scale";

    private final BenchmarkEnvironment env;
    private final LoadTestOptions options;
    private final PhaseRunner phases;

    ScaleScenario(BenchmarkEnvironment env, LoadTestOptions options) {
        this.env = env;
        this.options = options;
        this.phases = new PhaseRunner(env, options.drainTimeout());
    }

    ScaleResult run() throws InterruptedException {
        List<ScaleStep> steps = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (PipelineInstance pipeline = PipelineInstance.start(env, options.pipeline(), NAME, false)) {
            TopicNames topics = pipeline.topics();
            PhaseRunner.PhaseTopics phaseTopics =
                    new PhaseRunner.PhaseTopics(topics.commands(), topics.calendar(), topics.commandResults());
            int opened = 0;
            int step = 0;
            for (long accounts : options.scaleAccounts()) {
                int portfolios = (int) Math.min(Integer.MAX_VALUE, (accounts + 2) / 3);
                if (portfolios <= opened) {
                    continue;
                }
                LOG.info("Scale: opening portfolios {}..{} ({} accounts)", opened, portfolios - 1, 3L * portfolios);
                LoadPlan openPlan = new LoadPlan(
                        opened, portfolios, 0, 0, options.maxInFlight(), options.maxScaleLoadDuration(), null);
                PhaseResult opens = phases.run(
                        NAME + "/open-" + step,
                        "s" + step + "o",
                        phaseTopics,
                        pipeline.groupIds(),
                        pipeline.applicationId(),
                        openPlan,
                        new KeyDistribution.Uniform(portfolios),
                        options.seed() + 100 + step);
                if (opens.errorCount() > 0) {
                    errors.add(opens.name() + ": " + opens.errorCount() + " errors");
                    break;
                }
                opened = portfolios;
                PhaseResult probe = probe(pipeline, phaseTopics, opened, "s" + step + "p", step);
                steps.add(stepOf("load", opened, pipeline, opens, probe));
                step++;
            }
            long stateBytesBefore = DirectorySize.bytes(pipeline.stateDir());
            long changelogRecords = changelogRecords(pipeline.applicationId());
            LOG.info("Scale: restoring {} changelog records into an empty state directory", changelogRecords);
            long restoreMillis = pipeline.restartFromEmptyStateMillis();
            LOG.info("Scale: restored in {} ms", restoreMillis);
            PhaseResult afterRestore = probe(pipeline, phaseTopics, opened, "rp", step);
            steps.add(stepOf("after-restore", opened, pipeline, null, afterRestore));
            for (ScaleStep s : steps) {
                if (s.probe().errorCount() > 0) {
                    errors.add(s.probe().name() + ": " + s.probe().errorCount() + " errors");
                }
            }
            return new ScaleResult(steps, restoreMillis, stateBytesBefore, changelogRecords, errors);
        } finally {
            DirectorySize.delete(env.workDir().resolve("state-" + NAME));
        }
    }

    private PhaseResult probe(
            PipelineInstance pipeline, PhaseRunner.PhaseTopics topics, int portfolios, String idPrefix, int step)
            throws InterruptedException {
        LoadPlan plan = new LoadPlan(
                0, 0, options.scaleProbeCommands(), 0, options.maxInFlight(), options.maxPhaseDuration(), null);
        return phases.run(
                NAME + "/" + idPrefix,
                idPrefix,
                topics,
                pipeline.groupIds(),
                pipeline.applicationId(),
                plan,
                new KeyDistribution.Uniform(portfolios),
                options.seed() + 200 + step);
    }

    private ScaleStep stepOf(
            String label, int portfolios, PipelineInstance pipeline, PhaseResult opens, PhaseResult probe) {
        return new ScaleStep(
                label,
                3L * portfolios,
                storedAccounts(pipeline),
                opens == null ? 0 : opens.commandsPerSecond(),
                opens,
                probe,
                ProcessMemory.residentBytes(),
                env.brokerResidentBytes(),
                ProcessMemory.heapUsedBytes(),
                DirectorySize.bytes(pipeline.stateDir()));
    }

    private static long storedAccounts(PipelineInstance pipeline) {
        try {
            KafkaStreams streams = pipeline.streams();
            return streams.store(StoreQueryParameters.fromNameAndType(
                            StoreNames.ACCOUNTS, QueryableStoreTypes.keyValueStore()))
                    .approximateNumEntries();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Committed records in this application's changelog topics: what a restore from empty state reads. */
    private long changelogRecords(String applicationId) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers()))) {
            Set<String> changelogs = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(name -> name.startsWith(applicationId + "-") && name.endsWith("-changelog"))
                    .collect(java.util.stream.Collectors.toSet());
            TopicReader reader =
                    new TopicReader(env.bootstrapServers(), env.serdeConfig(), java.time.Duration.ofMinutes(5));
            long total = 0;
            for (String changelog : changelogs) {
                total += reader.count(changelog);
            }
            return total;
        } catch (Exception e) {
            LOG.warn("Could not count the changelog records: {}", e.toString());
            return -1;
        }
    }
}
