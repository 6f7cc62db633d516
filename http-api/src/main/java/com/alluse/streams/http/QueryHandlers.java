package com.alluse.streams.http;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.ReconciliationResult;
import com.alluse.streams.domain.AccountIds;
import com.alluse.streams.domain.Portfolio;
import com.alluse.streams.processors.StoreNames;
import com.alluse.streams.processors.StoreValues;
import com.alluse.streams.processors.StoredReceipt;
import com.alluse.streams.processors.reconciliation.ReconciliationProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;

/**
 * The read routes. Each finds the key's owner: answers from the local active copy, forwards to
 * the owner, or, when the owner does not answer, serves a local standby copy saying so.
 */
final class QueryHandlers {
    private static final int DEFAULT_LEDGER_PAGE = 100;
    private static final int MAX_BALANCE_SCAN_ENTRIES = 1_000_000;

    private final KafkaStreams streams;
    private final KeyRouter router;
    private final StoreReader reader;
    private final Forwarder forwarder;
    private final Views views;
    private final HttpSettings settings;
    private final String servedBy;

    QueryHandlers(
            KafkaStreams streams,
            KeyRouter router,
            StoreReader reader,
            Forwarder forwarder,
            Views views,
            HttpSettings settings,
            String servedBy) {
        this.streams = streams;
        this.router = router;
        this.reader = reader;
        this.forwarder = forwarder;
        this.views = views;
        this.settings = settings;
        this.servedBy = servedBy;
    }

    void account(Context ctx) {
        String accountId = ctx.pathParam("accountId");
        answer(
                ctx,
                portfolioOf(accountId),
                read -> reader.<AccountState>get(StoreNames.ACCOUNTS, accountId, read)
                        .map(views::account)
                        .orElseThrow(() -> ApiProblem.notFound("no account " + accountId)));
    }

    void portfolio(Context ctx) {
        String portfolioId = ctx.pathParam("portfolioId");
        requirePortfolioId(portfolioId);
        answer(ctx, portfolioId, read -> {
            Portfolio portfolio = reader.get(StoreNames.PORTFOLIOS, portfolioId, read)
                    .map(StoreValues::portfolio)
                    .orElseThrow(() -> ApiProblem.notFound("no portfolio " + portfolioId));
            List<AccountState> accounts = new ArrayList<>();
            for (String accountId : portfolio.accountIds()) {
                reader.<AccountState>get(StoreNames.ACCOUNTS, accountId, read).ifPresent(accounts::add);
            }
            return views.portfolio(portfolio, accounts);
        });
    }

    void ledger(Context ctx) {
        String accountId = ctx.pathParam("accountId");
        long fromSeq = longParam(ctx, "fromSeq", 1, 1, Long.MAX_VALUE - settings.maxLedgerPageSize());
        int limit = (int) longParam(ctx, "limit", DEFAULT_LEDGER_PAGE, 1, settings.maxLedgerPageSize());
        answer(ctx, portfolioOf(accountId), read -> {
            requireAccount(accountId, read);
            List<LedgerEntry> page = reader.range(
                    StoreNames.LEDGER,
                    StoreNames.ledgerKey(accountId, fromSeq),
                    StoreNames.ledgerKey(accountId, fromSeq + limit),
                    limit + 1,
                    read);
            Long next = page.size() > limit ? fromSeq + limit : null;
            return views.ledgerPage(accountId, fromSeq, page.subList(0, Math.min(limit, page.size())), next);
        });
    }

    /** The balance after the last entry whose event time is at or before asOf (event times ascend per account). */
    void balance(Context ctx) {
        String accountId = ctx.pathParam("accountId");
        Instant asOf = instantParam(ctx, "asOf");
        answer(ctx, portfolioOf(accountId), read -> {
            requireAccount(accountId, read);
            List<LedgerEntry> entries = reader.range(
                    StoreNames.LEDGER,
                    StoreNames.ledgerKey(accountId, 1),
                    StoreNames.ledgerKey(accountId, Long.MAX_VALUE),
                    MAX_BALANCE_SCAN_ENTRIES,
                    read);
            LedgerEntry last = null;
            for (LedgerEntry entry : entries) {
                if (entry.getEventTimeMs() > asOf.toEpochMilli()) {
                    break;
                }
                last = entry;
            }
            if (last == null) {
                throw ApiProblem.notFound("account " + accountId + " had no entries at " + asOf);
            }
            return views.balance(accountId, asOf, last);
        });
    }

    /**
     * The account's latest reconciliation result and when it last matched, from the reconciliation
     * store, which is partitioned by account id (consistency tokens, positions of the commands
     * topic, do not apply to it).
     */
    void reconciliation(Context ctx) {
        String accountId = ctx.pathParam("accountId");
        portfolioOf(accountId);
        KeyRouter.Route route = router.route(ReconciliationProcessor.STATUS_STORE, accountId);
        answer(
                ctx,
                route,
                accountId,
                ReconciliationProcessor.STATUS_STORE,
                null,
                read -> reader.<ReconciliationResult>get(ReconciliationProcessor.STATUS_STORE, accountId, read)
                        .map(views::reconciliation)
                        .orElseThrow(
                                () -> ApiProblem.notFound("no broker snapshot of " + accountId + " reconciled yet")));
    }

    /**
     * What the strategy engine was last told about the account (the view of its stored state: the
     * events of each change commit with it) beside its trading parameters and available balance.
     */
    void strategy(Context ctx) {
        String accountId = ctx.pathParam("accountId");
        answer(ctx, portfolioOf(accountId), read -> {
            AccountState state = reader.<AccountState>get(StoreNames.ACCOUNTS, accountId, read)
                    .orElseThrow(() -> ApiProblem.notFound("no account " + accountId));
            return views.strategy(state, StoreValues.accountType(state), StoreValues.strategyView(state));
        });
    }

    void commandStatus(Context ctx) {
        String portfolioId = ctx.pathParam("portfolioId");
        String commandId = ctx.pathParam("commandId");
        requirePortfolioId(portfolioId);
        answer(ctx, portfolioId, read -> {
            Instant now = Instant.now();
            Optional<StoredReceipt> receipt = reader.firstInWindow(
                            StoreNames.RECEIPTS,
                            StoreValues.receiptKey(portfolioId, commandId),
                            now.minus(settings.idempotencyRetention()).minus(settings.idempotencyRetention()),
                            now.plus(settings.idempotencyRetention()),
                            read)
                    .map(StoreValues::receipt);
            return views.receipt(
                    portfolioId,
                    receipt.orElseThrow(() -> ApiProblem.notFound("no result for command " + commandId
                            + " yet (or it is older than the idempotency retention)")));
        });
    }

    private void requireAccount(String accountId, StoreReader.Read read) {
        if (reader.<AccountState>get(StoreNames.ACCOUNTS, accountId, read).isEmpty()) {
            throw ApiProblem.notFound("no account " + accountId);
        }
    }

    private void answer(Context ctx, String portfolioId, Function<StoreReader.Read, JsonNode> local) {
        answer(ctx, router.route(portfolioId), portfolioId, StoreNames.ACCOUNTS, token(ctx), local);
    }

    private void answer(
            Context ctx,
            KeyRouter.Route route,
            String owned,
            String lagStore,
            ConsistencyToken token,
            Function<StoreReader.Read, JsonNode> local) {
        if (route.activeHere()) {
            respond(ctx, local.apply(new StoreReader.Read(route.partition(), false, token)), "active");
            return;
        }
        if (!Forwarder.isForwarded(ctx)) {
            Optional<HttpResponse<byte[]>> relayed = forwarder.forward(route.active(), ctx);
            if (relayed.isPresent()) {
                relay(ctx, relayed.get());
                return;
            }
        }
        if (route.standbyHere()) {
            ctx.header(ConsistencyHeaders.STANDBY_LAG, Long.toString(standbyLag(lagStore, route.partition())));
            respond(ctx, local.apply(new StoreReader.Read(route.partition(), true, token)), "standby");
            return;
        }
        throw ApiProblem.unavailable("the owner of " + owned + " ("
                + route.active().host() + ":" + route.active().port() + ") did not answer and no standby copy is here");
    }

    private void respond(Context ctx, JsonNode body, String servedFrom) {
        ctx.header(ConsistencyHeaders.SERVED_FROM, servedFrom);
        ctx.header(ConsistencyHeaders.SERVED_BY, servedBy);
        ctx.contentType("application/json").result(body.toString());
    }

    private static void relay(Context ctx, HttpResponse<byte[]> response) {
        ctx.status(response.statusCode());
        for (String header : List.of(
                "Content-Type",
                "Retry-After",
                ConsistencyHeaders.SERVED_FROM,
                ConsistencyHeaders.SERVED_BY,
                ConsistencyHeaders.STANDBY_LAG)) {
            response.headers().firstValue(header).ifPresent(value -> ctx.header(header, value));
        }
        ctx.result(response.body());
    }

    private long standbyLag(String store, int partition) {
        Map<Integer, LagInfo> lags = streams.allLocalStorePartitionLags().getOrDefault(store, Map.of());
        LagInfo lag = lags.get(partition);
        return lag == null ? -1 : lag.offsetLag();
    }

    private static ConsistencyToken token(Context ctx) {
        String header = ctx.header(ConsistencyHeaders.TOKEN);
        String value = header != null ? header : ctx.queryParam("consistencyToken");
        return value == null || value.isBlank() ? null : ConsistencyToken.parse(value.trim());
    }

    private static String portfolioOf(String accountId) {
        String portfolioId = AccountIds.portfolioOf(accountId);
        if (!AccountIds.isValidPortfolioId(portfolioId) || accountId.equals(portfolioId)) {
            throw ApiProblem.badRequest(
                    "not an account id: " + accountId + " (expected <portfolio>:GEN, <portfolio>:F<n>:COM, ...)");
        }
        return portfolioId;
    }

    private static void requirePortfolioId(String portfolioId) {
        if (!AccountIds.isValidPortfolioId(portfolioId)) {
            throw ApiProblem.badRequest(AccountIds.PORTFOLIO_ID_RULE);
        }
    }

    private static long longParam(Context ctx, String name, long defaultValue, long min, long max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value < min || value > max) {
                throw ApiProblem.badRequest(name + " must be within " + min + ".." + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(name + " must be an integer, got " + raw);
        }
    }

    private static Instant instantParam(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            throw ApiProblem.badRequest(name + " (ISO-8601 instant, e.g. 2026-11-24T10:00:00Z) is required");
        }
        try {
            Instant instant = Instant.parse(raw.trim());
            instant.toEpochMilli(); // within the range of epoch milliseconds, as ledger event times are
            return instant;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ApiProblem.badRequest(name + " must be an ISO-8601 instant such as 2026-11-24T10:00:00Z, got " + raw);
        }
    }
}
