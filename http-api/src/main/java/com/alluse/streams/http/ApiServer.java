package com.alluse.streams.http;

import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.client.Clients;
import com.alluse.streams.client.KafkaConnection;
import com.alluse.streams.client.PipelineTopics;
import com.alluse.streams.client.ResultFollower;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.client.json.CommandJson;
import com.alluse.streams.topology.PipelineRole;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of one stream instance. It starts before Kafka Streams (its port is the
 * instance's {@code application.server}) and answers 503 until {@link #attach} hands it the
 * running streams.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_WRITTEN = "alluse.problem";
    /** Exported as alluse_result_follower_restarts_total and alluse_result_follower_up. */
    static final String FOLLOWER_RESTARTS = "alluse.result.follower.restarts";

    static final String FOLLOWER_UP = "alluse.result.follower.up";

    private final HttpSettings settings;
    private final ReloadingTokens tokens;
    private final RateLimiter rateLimiter;
    private final Javalin javalin;
    private final byte[] openApi;
    private final PrometheusMeterRegistry registry;
    private volatile Backend backend;

    private ApiServer(HttpSettings settings, PrometheusMeterRegistry registry) {
        this.settings = settings;
        this.registry = registry;
        this.openApi = readOpenApi();
        this.tokens = ReloadingTokens.start(settings.tokens());
        this.rateLimiter =
                settings.rateLimit() == null ? null : new RateLimiter(settings.rateLimit(), System::nanoTime);
        this.javalin = Javalin.create(this::configure);
    }

    /**
     * Starts listening; {@code /metrics} serves the registry in the Prometheus text format.
     *
     * @throws IllegalArgumentException if the tokens file cannot be read or parsed
     */
    public static ApiServer start(HttpSettings settings, PrometheusMeterRegistry registry) {
        ApiServer server = new ApiServer(settings, registry);
        server.javalin.start(settings.bindHost(), settings.port());
        if (!server.tokens.authenticationOn()) {
            LOG.warn(
                    "HTTP API on port {} has no bearer tokens configured: authentication is OFF (fine for local use only)",
                    server.port());
        }
        return server;
    }

    public int port() {
        return javalin.port();
    }

    /** The {@code host:port} other instances reach this one at: Kafka Streams' application.server. */
    public String applicationServer() {
        return settings.advertisedHost() + ":" + port();
    }

    /**
     * Starts answering with the streams of the whole pipeline; commands are produced to and results read from the
     * cluster through {@code kafka}, with its security settings.
     */
    public void attach(
            KafkaStreams streams, TopicNames topics, KafkaConnection kafka, Map<String, Object> serdeConfig) {
        attach(streams, PipelineRole.ALL, topics, kafka, serdeConfig);
    }

    /**
     * Starts answering with the streams of one role: a route of the other part of the pipeline is answered 404,
     * naming the role that serves it. Only the ledger's parts submit commands and follow their results.
     */
    public void attach(
            KafkaStreams streams,
            PipelineRole role,
            TopicNames topics,
            KafkaConnection kafka,
            Map<String, Object> serdeConfig) {
        HostInfo self = new HostInfo(settings.advertisedHost(), port());
        StoreReader reader = new StoreReader(
                streams, topics.commands(), settings.consistencyWait().toMillis());
        Views views = new Views();
        QueryHandlers queries = new QueryHandlers(
                streams,
                new KeyRouter(streams, self),
                reader,
                new Forwarder(settings.forwardTimeout(), TlsContexts.client(settings.tls())),
                views,
                settings,
                applicationServer());
        if (!role.runsLedger()) {
            backend = new Backend(streams, role, queries, null, null, null, views, topics);
            return;
        }
        ResultFollower waiter = new ResultFollower(
                kafka,
                PipelineTopics.of(topics, serdeConfig).commandResults(),
                ResultFollower.StartAt.END,
                settings.maxWaitingCommands(),
                null,
                "alluse-result-follower");
        bindFollowerMetrics(waiter);
        KafkaProducer<String, org.apache.avro.specific.SpecificRecord> producer = Clients.producer(kafka, serdeConfig);
        CommandSubmitter submitter = new CommandSubmitter(
                producer,
                topics.commands(),
                waiter,
                new CommandJson(Clock.systemUTC()),
                settings.commandResultTimeout());
        backend = new Backend(streams, role, queries, submitter, waiter, producer, views, topics);
    }

    /** The follower heals itself; these say how often it had to and whether it reads now. */
    private void bindFollowerMetrics(ResultFollower follower) {
        FunctionCounter.builder(FOLLOWER_RESTARTS, follower, ResultFollower::restarts)
                .description("Times the command-result follower's consumer failed and was replaced")
                .register(registry);
        Gauge.builder(FOLLOWER_UP, follower, f -> f.isRunning() ? 1 : 0)
                .description("1 while the command-result follower reads results, 0 while it waits to restart")
                .register(registry);
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        HttpSettings.RequestLimits limits = settings.requestLimits();
        config.http.maxRequestSize = limits.maxBodyBytes();
        config.jetty.modifyHttpConfiguration(httpConfig -> httpConfig.setRequestHeaderSize(limits.maxHeaderBytes()));
        if (settings.tls() != null) {
            config.jetty.addConnector((server, httpConfig) -> {
                httpConfig.setRequestHeaderSize(limits.maxHeaderBytes());
                ServerConnector connector = new ServerConnector(
                        server, TlsContexts.server(settings.tls()), new HttpConnectionFactory(httpConfig));
                connector.setHost(settings.bindHost());
                connector.setPort(settings.port());
                return connector;
            });
        }
        config.routes.before(this::boundRequest);
        config.routes.beforeMatched(this::authorize);
        register(config, ApiRoutes.ACCOUNT, ctx -> backend().queries().account(ctx));
        register(config, ApiRoutes.LEDGER, ctx -> backend().queries().ledger(ctx));
        register(config, ApiRoutes.BALANCE, ctx -> backend().queries().balance(ctx));
        register(config, ApiRoutes.RECONCILIATION, ctx -> backend().queries().reconciliation(ctx));
        register(config, ApiRoutes.STRATEGY, ctx -> backend().queries().strategy(ctx));
        register(config, ApiRoutes.PORTFOLIO, ctx -> backend().queries().portfolio(ctx));
        register(config, ApiRoutes.COMMAND_STATUS, ctx -> backend().queries().commandStatus(ctx));
        register(config, ApiRoutes.SUBMIT, this::submit);
        register(config, ApiRoutes.INSTANCES, this::instances);
        register(
                config,
                ApiRoutes.METRICS,
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(registry.scrape()));
        register(
                config,
                ApiRoutes.OPENAPI,
                ctx -> ctx.contentType("application/json").result(openApi));
        register(config, ApiRoutes.LIVE, this::live);
        register(config, ApiRoutes.READY, this::ready);
        config.routes.exception(ApiProblem.class, (problem, ctx) -> writeProblem(ctx, problem));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
            writeProblem(
                    ctx,
                    new ApiProblem(
                            500, "Internal Server Error", "an internal error occurred; it has been logged", null));
        });
        config.routes.error(404, "*", ctx -> {
            if (ctx.attribute(PROBLEM_WRITTEN) == null) {
                writeProblem(ctx, ApiProblem.notFound("no route " + ctx.method() + " " + ctx.path()));
            }
        });
        config.routes.error(405, "*", ctx -> {
            if (ctx.attribute(PROBLEM_WRITTEN) == null) {
                writeProblem(
                        ctx,
                        new ApiProblem(
                                405, "Method Not Allowed", ctx.method() + " is not allowed on " + ctx.path(), null));
            }
        });
    }

    private void register(JavalinConfig config, ApiRoutes.Route route, Handler handler) {
        Handler served = route.servedBy() == PipelineRole.ALL
                ? handler
                : ctx -> {
                    requireServedHere(route);
                    handler.handle(ctx);
                };
        if (route.role() == null) {
            config.routes.addHttpHandler(route.method(), route.path(), served);
        } else {
            config.routes.addHttpHandler(route.method(), route.path(), served, route.role());
        }
    }

    /** An instance of one role cannot answer for the other's stores: say which role can, rather than wait for it. */
    private void requireServedHere(ApiRoutes.Route route) {
        PipelineRole role = backend().role();
        if (!role.runs(route.servedBy())) {
            throw ApiProblem.notFound(route.path() + " is served by the instances of the "
                    + route.servedBy().name().toLowerCase(Locale.ROOT) + " role; this instance runs the "
                    + role.name().toLowerCase(Locale.ROOT) + " role");
        }
    }

    /**
     * Jetty bounds the request line and headers in bytes and Javalin a body as it is read; this answers a long
     * path or query, and a body declared too big, before any work is done.
     */
    private void boundRequest(Context ctx) {
        HttpSettings.RequestLimits limits = settings.requestLimits();
        String query = ctx.queryString();
        int uriLength = ctx.path().length() + (query == null ? 0 : query.length() + 1);
        if (uriLength > limits.maxUriLength()) {
            throw new ApiProblem(
                    414,
                    "URI Too Long",
                    "path and query have " + uriLength + " characters, more than " + limits.maxUriLength(),
                    null);
        }
        if (ctx.contentLength() > limits.maxBodyBytes()) {
            throw new ApiProblem(
                    413,
                    "Content Too Large",
                    "the body has " + ctx.contentLength() + " bytes, more than " + limits.maxBodyBytes(),
                    null);
        }
    }

    /** Authentication, then the token's rate limit (every authenticated request counts), then its role. */
    private void authorize(Context ctx) {
        Role required =
                ctx.routeRoles().stream().map(Role.class::cast).findFirst().orElse(null);
        if (required == null || !tokens.authenticationOn()) {
            return;
        }
        String header = ctx.header("Authorization");
        Optional<BearerTokens.Caller> caller = header != null && header.startsWith("Bearer ")
                ? tokens.current().authenticate(header.substring(7).trim())
                : Optional.empty();
        if (caller.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiProblem(401, "Unauthorized", "a valid bearer token is required", null);
        }
        if (rateLimiter != null) {
            OptionalLong retryAfterSeconds = rateLimiter.acquire(caller.get().key());
            if (retryAfterSeconds.isPresent()) {
                throw new ApiProblem(
                        429,
                        "Too Many Requests",
                        "this token sent more than " + settings.rateLimit().burst() + " requests at once or "
                                + settings.rateLimit().requestsPerSecond() + " per second",
                        (int) retryAfterSeconds.getAsLong());
            }
        }
        Role granted = caller.get().role();
        if (!granted.grants(required)) {
            throw new ApiProblem(
                    403, "Forbidden", "this route needs the " + required.name().toLowerCase() + " role", null);
        }
    }

    private Backend backend() {
        Backend current = backend;
        if (current == null) {
            throw ApiProblem.unavailable("the instance is starting");
        }
        return current;
    }

    private void submit(Context ctx) {
        Backend current = backend();
        String portfolioId = ctx.pathParam("portfolioId");
        String commandId = ctx.header("Idempotency-Key");
        Optional<CommandResult> result = current.submitter().submit(portfolioId, commandId, ctx.bodyAsBytes());
        if (result.isEmpty()) {
            String location = "/portfolios/" + portfolioId + "/commands/" + commandId;
            ctx.status(202)
                    .header("Location", location)
                    .contentType("application/json")
                    .result(JsonNodeFactory.instance
                            .objectNode()
                            .put("status", "PENDING")
                            .put("poll", location)
                            .toString());
            return;
        }
        ConsistencyToken token = tokenOf(result.get());
        if (token != null) {
            ctx.header(ConsistencyHeaders.TOKEN, token.toString());
        }
        ctx.contentType("application/json")
                .result(current.views().result(result.get(), token).toString());
    }

    /** Only an accepted command changed state worth waiting for; a duplicate points at its original. */
    private static ConsistencyToken tokenOf(CommandResult result) {
        if (result.getOutcome() == CommandOutcome.ACCEPTED) {
            return new ConsistencyToken(result.getCommandPartition(), result.getCommandOffset());
        }
        if (result.getOutcome() == CommandOutcome.DUPLICATE
                && result.getDuplicateOf() != null
                && result.getDuplicateOf().getOutcome() == CommandOutcome.ACCEPTED) {
            return new ConsistencyToken(
                    result.getDuplicateOf().getCommandPartition(),
                    result.getDuplicateOf().getCommandOffset());
        }
        return null;
    }

    private void instances(Context ctx) {
        Backend current = backend();
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        String commandsTopic = current.topics().commands();
        for (StreamsMetadata metadata : current.streams().metadataForAllStreamsClients()) {
            ObjectNode node = list.addObject()
                    .put("host", metadata.host())
                    .put("port", metadata.port())
                    .put("self", metadata.hostInfo().equals(new HostInfo(settings.advertisedHost(), port())));
            ArrayNode active = node.putArray("activePartitions");
            metadata.topicPartitions().stream()
                    .filter(tp -> tp.topic().equals(commandsTopic))
                    .mapToInt(tp -> tp.partition())
                    .sorted()
                    .forEach(active::add);
            ArrayNode standby = node.putArray("standbyPartitions");
            metadata.standbyTopicPartitions().stream()
                    .filter(tp -> tp.topic().equals(commandsTopic))
                    .mapToInt(tp -> tp.partition())
                    .sorted()
                    .forEach(standby::add);
        }
        ctx.contentType("application/json")
                .result(JsonNodeFactory.instance
                        .objectNode()
                        .put("state", current.streams().state().name())
                        .set("instances", list)
                        .toString());
    }

    /** Live unless the instance has stopped for good: the orchestrator should then restart it. */
    private void live(Context ctx) {
        Backend current = backend;
        KafkaStreams.State state =
                current == null ? KafkaStreams.State.CREATED : current.streams().state();
        boolean live = state != KafkaStreams.State.ERROR
                && state != KafkaStreams.State.NOT_RUNNING
                && state != KafkaStreams.State.PENDING_ERROR;
        health(ctx, live, state);
    }

    /** Ready when every assigned task is running and its stores are queryable. */
    private void ready(Context ctx) {
        Backend current = backend;
        KafkaStreams.State state =
                current == null ? KafkaStreams.State.CREATED : current.streams().state();
        health(ctx, state == KafkaStreams.State.RUNNING, state);
    }

    private static void health(Context ctx, boolean ok, KafkaStreams.State state) {
        ctx.status(ok ? 200 : 503)
                .contentType("application/json")
                .result(JsonNodeFactory.instance
                        .objectNode()
                        .put("status", ok ? "UP" : "DOWN")
                        .put("streamsState", state.name())
                        .toString());
    }

    private static void writeProblem(Context ctx, ApiProblem problem) {
        ctx.attribute(PROBLEM_WRITTEN, Boolean.TRUE);
        ObjectNode body = JsonNodeFactory.instance
                .objectNode()
                .put("type", "about:blank")
                .put("title", problem.title())
                .put("status", problem.status())
                .put("detail", problem.getMessage())
                .put("instance", ctx.path());
        if (problem.retryAfterSeconds() != null) {
            ctx.header("Retry-After", Integer.toString(problem.retryAfterSeconds()));
        }
        ctx.status(problem.status()).contentType(PROBLEM_JSON).result(body.toString());
    }

    private static byte[] readOpenApi() {
        try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        javalin.stop();
        Backend current = backend;
        if (current != null && current.role().runsLedger()) {
            current.producer().close();
            current.waiter().close();
        }
    }

    /** Submitter, waiter and producer are null where the role does not run the ledger. */
    private record Backend(
            KafkaStreams streams,
            PipelineRole role,
            QueryHandlers queries,
            CommandSubmitter submitter,
            ResultFollower waiter,
            KafkaProducer<String, org.apache.avro.specific.SpecificRecord> producer,
            Views views,
            TopicNames topics) {}
}
