package com.alluse.streams.loadtest;

import com.alluse.streams.client.TopicNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP query load: one pipeline instance with its API (ApiServer, as `alluse run` starts it),
 * its portfolios opened first, then N concurrent clients reading accounts: as fast as answers come
 * (closed loop), then at each fixed rate (open loop). The clients run in a JVM of their own
 * ({@link QueryLoadProcess}). No commands flow while the queries run, so this is the read path alone.
 */
final class QueryScenario {
    private static final Logger LOG = LoggerFactory.getLogger(QueryScenario.class);
    static final String NAME = "query";

    private final BenchmarkEnvironment env;
    private final LoadTestOptions options;

    QueryScenario(BenchmarkEnvironment env, LoadTestOptions options) {
        this.env = env;
        this.options = options;
    }

    /** The closed loop first, then the open loop at each rate, on one pipeline with the same portfolios. */
    List<QueryResult> run() throws IOException, InterruptedException {
        try (PipelineInstance pipeline = PipelineInstance.start(env, options.pipeline(), NAME, true)) {
            TopicNames topics = pipeline.topics();
            PhaseRunner.PhaseTopics phaseTopics =
                    new PhaseRunner.PhaseTopics(topics.commands(), topics.calendar(), topics.commandResults());
            LoadPlan openPlan = new LoadPlan(
                    0, options.queryPortfolios(), 0, 0, options.maxInFlight(), options.maxPhaseDuration(), null);
            PhaseResult opens = new PhaseRunner(env, options.drainTimeout())
                    .run(
                            NAME + "/opens",
                            "q",
                            phaseTopics,
                            pipeline.groupIds(),
                            pipeline.applicationId(),
                            openPlan,
                            new KeyDistribution.Uniform(options.queryPortfolios()),
                            options.seed() + 300);
            List<String> openErrors = opens.errorCount() == 0
                    ? List.of()
                    : List.of(
                            opens.name() + ": " + opens.errorCount() + " errors while opening the queried portfolios");
            List<Double> rates = new ArrayList<>();
            rates.add(0.0);
            rates.addAll(options.queryRatesPerSecond());
            List<QueryResult> results = new ArrayList<>();
            for (double rate : rates) {
                LOG.info(
                        "Query: {} clients on port {} for {} s, {}",
                        options.queryClients(),
                        pipeline.httpPort(),
                        options.queryDuration().toSeconds(),
                        rate > 0 ? "open loop at " + rate + "/s" : "closed loop");
                QueryResult result = QueryLoadProcess.run(
                        pipeline.httpPort(),
                        options.queryPortfolios(),
                        options.queryClients(),
                        options.queryWarmup(),
                        options.queryDuration(),
                        rate,
                        options.seed() + 400 + results.size());
                results.add(openErrors.isEmpty() ? result : result.withErrors(openErrors));
            }
            return results;
        } finally {
            DirectorySize.delete(env.workDir().resolve("state-" + NAME));
        }
    }
}
