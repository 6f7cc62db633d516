package com.alluse.streams.loadtest;

import com.alluse.streams.client.TopicNames;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP query load: one pipeline instance with its API (ApiServer, as `alluse run` starts it),
 * its portfolios opened first, then N concurrent clients reading accounts. No commands flow while
 * the queries run, so this is the read path alone.
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

    QueryResult run() throws InterruptedException {
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
                            pipeline.applicationId(),
                            pipeline.applicationId(),
                            openPlan,
                            new KeyDistribution.Uniform(options.queryPortfolios()),
                            options.seed() + 300);
            LOG.info(
                    "Query: {} clients on port {} for {} s",
                    options.queryClients(),
                    pipeline.httpPort(),
                    options.queryDuration().toSeconds());
            QueryResult result = new QueryLoad(
                            pipeline.httpPort(),
                            options.queryPortfolios(),
                            options.queryClients(),
                            options.queryWarmup(),
                            options.queryDuration())
                    .run(options.seed() + 400);
            if (opens.errorCount() == 0) {
                return result;
            }
            List<String> errors = new ArrayList<>(result.errors());
            errors.add(opens.name() + ": " + opens.errorCount() + " errors while opening the queried portfolios");
            return new QueryResult(
                    result.clients(),
                    result.accountsQueried(),
                    result.measuredSeconds(),
                    result.requests(),
                    result.requestsPerSecond(),
                    result.statusCounts(),
                    result.ioErrors(),
                    result.latency(),
                    result.requestsPerSecondSeries(),
                    errors);
        } finally {
            DirectorySize.delete(env.workDir().resolve("state-" + NAME));
        }
    }
}
