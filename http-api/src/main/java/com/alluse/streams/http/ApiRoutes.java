package com.alluse.streams.http;

import io.javalin.http.HandlerType;
import java.util.List;

/** Every route of the HTTP API with the role it needs (null: open). The OpenAPI document must list exactly these. */
final class ApiRoutes {
    static final Route ACCOUNT = new Route(HandlerType.GET, "/accounts/{accountId}", Role.VIEWER);
    static final Route LEDGER = new Route(HandlerType.GET, "/accounts/{accountId}/ledger", Role.VIEWER);
    static final Route BALANCE = new Route(HandlerType.GET, "/accounts/{accountId}/balance", Role.VIEWER);
    static final Route RECONCILIATION = new Route(HandlerType.GET, "/accounts/{accountId}/reconciliation", Role.VIEWER);
    static final Route STRATEGY = new Route(HandlerType.GET, "/accounts/{accountId}/strategy", Role.VIEWER);
    static final Route PORTFOLIO = new Route(HandlerType.GET, "/portfolios/{portfolioId}", Role.VIEWER);
    static final Route SUBMIT = new Route(HandlerType.POST, "/portfolios/{portfolioId}/commands", Role.OPERATOR);
    static final Route COMMAND_STATUS =
            new Route(HandlerType.GET, "/portfolios/{portfolioId}/commands/{commandId}", Role.VIEWER);
    static final Route INSTANCES = new Route(HandlerType.GET, "/instances", Role.ADMIN);
    static final Route METRICS = new Route(HandlerType.GET, "/metrics", null);
    static final Route OPENAPI = new Route(HandlerType.GET, "/openapi.json", null);
    static final Route LIVE = new Route(HandlerType.GET, "/health/live", null);
    static final Route READY = new Route(HandlerType.GET, "/health/ready", null);

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

    record Route(HandlerType method, String path, Role role) {}
}
