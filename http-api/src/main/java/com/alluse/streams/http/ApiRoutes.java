package com.alluse.streams.http;

import com.alluse.streams.topology.PipelineRole;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * Every route of the HTTP API with the role it needs (null: open) and the part of the pipeline that answers it
 * ({@link PipelineRole#ALL}: any instance). The OpenAPI document must list exactly these.
 */
final class ApiRoutes {
    static final Route ACCOUNT = new Route(HandlerType.GET, "/accounts/{accountId}", Role.VIEWER, PipelineRole.LEDGER);
    static final Route LEDGER =
            new Route(HandlerType.GET, "/accounts/{accountId}/ledger", Role.VIEWER, PipelineRole.LEDGER);
    static final Route BALANCE =
            new Route(HandlerType.GET, "/accounts/{accountId}/balance", Role.VIEWER, PipelineRole.LEDGER);
    static final Route RECONCILIATION =
            new Route(HandlerType.GET, "/accounts/{accountId}/reconciliation", Role.VIEWER, PipelineRole.DOWNSTREAM);
    static final Route STRATEGY =
            new Route(HandlerType.GET, "/accounts/{accountId}/strategy", Role.VIEWER, PipelineRole.LEDGER);
    static final Route PORTFOLIO =
            new Route(HandlerType.GET, "/portfolios/{portfolioId}", Role.VIEWER, PipelineRole.LEDGER);
    static final Route SUBMIT =
            new Route(HandlerType.POST, "/portfolios/{portfolioId}/commands", Role.OPERATOR, PipelineRole.LEDGER);
    static final Route COMMAND_STATUS = new Route(
            HandlerType.GET, "/portfolios/{portfolioId}/commands/{commandId}", Role.VIEWER, PipelineRole.LEDGER);
    static final Route INSTANCES = new Route(HandlerType.GET, "/instances", Role.ADMIN, PipelineRole.ALL);
    static final Route METRICS = new Route(HandlerType.GET, "/metrics", null, PipelineRole.ALL);
    static final Route OPENAPI = new Route(HandlerType.GET, "/openapi.json", null, PipelineRole.ALL);
    static final Route LIVE = new Route(HandlerType.GET, "/health/live", null, PipelineRole.ALL);
    static final Route READY = new Route(HandlerType.GET, "/health/ready", null, PipelineRole.ALL);

    static final List<Route> ALL = List.of(
            ACCOUNT,
            LEDGER,
            BALANCE,
            RECONCILIATION,
            STRATEGY,
            PORTFOLIO,
            SUBMIT,
            COMMAND_STATUS,
            INSTANCES,
            METRICS,
            OPENAPI,
            LIVE,
            READY);

    private ApiRoutes() {}

    record Route(HandlerType method, String path, Role role, PipelineRole servedBy) {}
}
