package com.alluse.streams.client.json;

import static com.alluse.streams.client.json.JsonFields.CENTS_SUFFIX;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.LossKind;
import com.alluse.streams.client.AccountCommands;
import com.alluse.streams.domain.CommandKind;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns one JSON line into an {@link AccountCommand}, e.g.
 * {@code {"commandId":"c2","portfolioId":"P1","type":"DEPOSIT","accountId":"P1:GEN","amount":"1000.00"}}.
 *
 * <p>It rejects only what cannot be represented: bad JSON, a missing or mistyped field, money that
 * is not exact in cents, an unknown type, lossKind or field (a typo must not silently drop data).
 * Everything representable is passed on, even if the pipeline will reject it (an amount of 0, an
 * unknown template or account): the pipeline owns the rules and answers every command with a result.
 */
public final class CommandJson {
    private static final String COMMAND_ID = "commandId";
    private static final String PORTFOLIO_ID = "portfolioId";
    private static final String TYPE = "type";
    private static final String EVENT_TIME = "eventTime";
    private static final String ACCOUNT_ID = "accountId";
    private static final String AMOUNT = "amount";
    private static final String CAPITAL = "capital";
    private static final String FORK_THRESHOLD = "forkThreshold";
    private static final String MERGE_THRESHOLD = "mergeThreshold";
    private static final String EXECUTION_ID = "executionId";
    private static final String SYMBOL = "symbol";
    private static final String REASON = "reason";

    private static final List<String> COMMON_FIELDS =
            List.of(COMMAND_ID, PORTFOLIO_ID, TYPE, EVENT_TIME, EVENT_TIME + "Ms");
    private static final Map<CommandKind, Set<String>> FIELDS_BY_KIND = fieldsByKind();

    private final Clock clock;

    /** @param clock supplies the event time of lines that give none */
    public CommandJson(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public AccountCommand parse(String line) throws InvalidCommandJsonException {
        JsonFields fields = JsonFields.parse(line);
        String commandId = fields.requiredString(COMMAND_ID);
        String portfolioId = fields.requiredString(PORTFOLIO_ID);
        CommandKind kind = kind(fields.requiredString(TYPE));
        fields.rejectOthers(FIELDS_BY_KIND.get(kind), kind.name());
        Object payload = payload(kind, fields);
        Long eventTimeMs = fields.optionalInstantMs(EVENT_TIME);
        return AccountCommands.command(
                commandId, portfolioId, eventTimeMs != null ? eventTimeMs : clock.millis(), payload);
    }

    private static CommandKind kind(String type) throws InvalidCommandJsonException {
        try {
            return CommandKind.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidCommandJsonException("unknown type \"" + type + "\" (expected one of "
                    + Arrays.stream(CommandKind.values()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
        }
    }

    private static Object payload(CommandKind kind, JsonFields fields) throws InvalidCommandJsonException {
        return switch (kind) {
            case OPEN_PORTFOLIO ->
                AccountCommands.openPortfolio(
                        fields.optionalString("ownerId"),
                        fields.requiredMoney(CAPITAL),
                        fields.optionalString("template"),
                        fields.optionalMoney(FORK_THRESHOLD),
                        fields.optionalMoney(MERGE_THRESHOLD));
            case DEPOSIT -> AccountCommands.deposit(fields.requiredString(ACCOUNT_ID), fields.requiredMoney(AMOUNT));
            case WITHDRAWAL ->
                AccountCommands.withdrawal(fields.requiredString(ACCOUNT_ID), fields.requiredMoney(AMOUNT));
            case TRADE_PREMIUM ->
                AccountCommands.premium(
                        fields.requiredString(ACCOUNT_ID),
                        fields.requiredMoney(AMOUNT),
                        fields.optionalString(EXECUTION_ID),
                        fields.optionalString(SYMBOL));
            case TRADE_LOSS ->
                AccountCommands.loss(
                        fields.requiredString(ACCOUNT_ID),
                        fields.requiredMoney(AMOUNT),
                        lossKind(fields.optionalString("lossKind")),
                        fields.optionalString(EXECUTION_ID),
                        fields.optionalString(SYMBOL));
            case COMMISSION ->
                AccountCommands.commission(
                        fields.requiredString(ACCOUNT_ID),
                        fields.requiredMoney(AMOUNT),
                        fields.optionalString(EXECUTION_ID));
            case CASH_BUFFER_ADJUSTMENT ->
                AccountCommands.cashBuffer(fields.requiredString(ACCOUNT_ID), fields.requiredInt("bufferBps"));
            case SUSPEND -> AccountCommands.suspend(fields.requiredString(ACCOUNT_ID), fields.optionalString(REASON));
            case ACTIVATE -> AccountCommands.activate(fields.requiredString(ACCOUNT_ID));
            case CLOSE -> AccountCommands.close(fields.requiredString(ACCOUNT_ID), fields.optionalString(REASON));
        };
    }

    private static LossKind lossKind(String name) throws InvalidCommandJsonException {
        if (name == null) {
            return LossKind.TRADE;
        }
        try {
            return LossKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidCommandJsonException("unknown lossKind \"" + name + "\" (expected TRADE or ASSIGNMENT)");
        }
    }

    private static Map<CommandKind, Set<String>> fieldsByKind() {
        Map<CommandKind, Set<String>> fields = new EnumMap<>(CommandKind.class);
        fields.put(
                CommandKind.OPEN_PORTFOLIO,
                with(
                        CAPITAL,
                        CAPITAL + CENTS_SUFFIX,
                        "template",
                        "ownerId",
                        FORK_THRESHOLD,
                        FORK_THRESHOLD + CENTS_SUFFIX,
                        MERGE_THRESHOLD,
                        MERGE_THRESHOLD + CENTS_SUFFIX));
        fields.put(CommandKind.DEPOSIT, with(ACCOUNT_ID, AMOUNT, AMOUNT + CENTS_SUFFIX));
        fields.put(CommandKind.WITHDRAWAL, with(ACCOUNT_ID, AMOUNT, AMOUNT + CENTS_SUFFIX));
        fields.put(CommandKind.TRADE_PREMIUM, with(ACCOUNT_ID, AMOUNT, AMOUNT + CENTS_SUFFIX, EXECUTION_ID, SYMBOL));
        fields.put(
                CommandKind.TRADE_LOSS,
                with(ACCOUNT_ID, AMOUNT, AMOUNT + CENTS_SUFFIX, "lossKind", EXECUTION_ID, SYMBOL));
        fields.put(CommandKind.COMMISSION, with(ACCOUNT_ID, AMOUNT, AMOUNT + CENTS_SUFFIX, EXECUTION_ID));
        fields.put(CommandKind.CASH_BUFFER_ADJUSTMENT, with(ACCOUNT_ID, "bufferBps"));
        fields.put(CommandKind.SUSPEND, with(ACCOUNT_ID, REASON));
        fields.put(CommandKind.ACTIVATE, with(ACCOUNT_ID));
        fields.put(CommandKind.CLOSE, with(ACCOUNT_ID, REASON));
        return fields;
    }

    private static Set<String> with(String... specific) {
        Set<String> fields = new LinkedHashSet<>(COMMON_FIELDS);
        fields.addAll(Arrays.asList(specific));
        return Collections.unmodifiableSet(fields);
    }
}
