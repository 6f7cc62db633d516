package com.alluse.streams.client.json;

import static com.alluse.streams.client.json.JsonFields.CENTS_SUFFIX;

import com.alluse.streams.avro.ExecutionKind;
import com.alluse.streams.avro.ExecutionReport;
import java.time.Clock;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Turns one JSON line into an {@link ExecutionReport}, e.g. {@code {"executionId":"x-1",
 * "orderId":"o-1","accountId":"P1:GEN","kind":"PREMIUM","amount":"150.00","symbol":"SPY",
 * "quantity":1,"price":"1.50","transactTime":"2026-11-24T15:30:00Z"}}.
 *
 * <p>Like {@link CommandJson} it rejects only what cannot be represented (bad JSON, a missing or
 * mistyped field, money not exact in cents, an unknown kind or field); the pipeline answers the
 * rest (an amount of 0 is sent, and dead-lettered with its reason).
 */
public final class ExecutionReportJson {
    private static final String AMOUNT = "amount";
    private static final String PRICE = "price";
    private static final String TRANSACT_TIME = "transactTime";
    private static final List<String> FIELDS = List.of(
            "executionId",
            "orderId",
            "accountId",
            "kind",
            AMOUNT,
            AMOUNT + CENTS_SUFFIX,
            "symbol",
            "quantity",
            PRICE,
            PRICE + CENTS_SUFFIX,
            TRANSACT_TIME,
            TRANSACT_TIME + "Ms");

    private final Clock clock;

    /** @param clock supplies the transaction time of lines that give none */
    public ExecutionReportJson(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ExecutionReport parse(String line) throws InvalidCommandJsonException {
        JsonFields fields = JsonFields.parse(line);
        for (Iterator<String> names = fields.names(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidCommandJsonException("unknown field \"" + name
                        + "\" for an execution report (allowed: " + String.join(", ", FIELDS) + ")");
            }
        }
        Long transactTimeMs = fields.optionalInstantMs(TRANSACT_TIME);
        return ExecutionReport.newBuilder()
                .setExecutionId(fields.requiredString("executionId"))
                .setOrderId(fields.requiredString("orderId"))
                .setAccountId(fields.requiredString("accountId"))
                .setKind(kind(fields.requiredString("kind")))
                .setAmountCents(fields.requiredMoney(AMOUNT))
                .setSymbol(fields.optionalString("symbol"))
                .setQuantity(fields.optionalLong("quantity"))
                .setPriceCents(fields.optionalMoney(PRICE))
                .setTransactTimeMs(transactTimeMs != null ? transactTimeMs : clock.millis())
                .build();
    }

    private static ExecutionKind kind(String name) throws InvalidCommandJsonException {
        try {
            return ExecutionKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidCommandJsonException("unknown kind \"" + name + "\" (expected one of "
                    + Arrays.stream(ExecutionKind.values()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
        }
    }
}
