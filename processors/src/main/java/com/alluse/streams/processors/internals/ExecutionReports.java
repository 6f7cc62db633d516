package com.alluse.streams.processors.internals;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.Commission;
import com.alluse.streams.avro.ExecutionKind;
import com.alluse.streams.avro.ExecutionReport;
import com.alluse.streams.avro.LossKind;
import com.alluse.streams.avro.TradeLoss;
import com.alluse.streams.avro.TradePremium;
import com.alluse.streams.domain.AccountIds;
import java.util.Optional;

/**
 * The contract of an execution report (schemas ExecutionReport.avsc) and its translation into the
 * market-fact command it books: PREMIUM a TradePremium, LOSS and ASSIGNMENT_LOSS a TradeLoss
 * (TRADE, ASSIGNMENT), COMMISSION a Commission, with command id {@code exec:<executionId>}.
 */
public final class ExecutionReports {
    /** Command ids of translated reports; ledger entries and results carry it, so they name the execution. */
    public static final String COMMAND_ID_PREFIX = "exec:";
    /** Leaves room for the prefix within a command id's 128 characters. */
    public static final int MAX_EXECUTION_ID_LENGTH = 64;

    public static final int MAX_ORDER_ID_LENGTH = 64;
    public static final int MAX_ACCOUNT_ID_LENGTH = 128;
    public static final int MAX_SYMBOL_LENGTH = 32;

    private ExecutionReports() {}

    public static String commandId(String executionId) {
        return COMMAND_ID_PREFIX + executionId;
    }

    /** What breaks the contract, or empty: the first problem found, as an operator should read it. */
    public static Optional<String> problem(ExecutionReport report) {
        String problem = idProblem("executionId", report.getExecutionId(), MAX_EXECUTION_ID_LENGTH);
        if (problem == null) {
            problem = idProblem("orderId", report.getOrderId(), MAX_ORDER_ID_LENGTH);
        }
        if (problem == null) {
            problem = idProblem("accountId", report.getAccountId(), MAX_ACCOUNT_ID_LENGTH);
        }
        if (problem == null && !AccountIds.isValidPortfolioId(AccountIds.portfolioOf(report.getAccountId()))) {
            problem = "accountId " + report.getAccountId()
                    + " names no portfolio (expected <portfolio id>:<account>, e.g. P1:GEN)";
        }
        if (problem == null) {
            problem = factProblem(report);
        }
        return Optional.ofNullable(problem);
    }

    private static String factProblem(ExecutionReport report) {
        if (report.getKind() == ExecutionKind.UNKNOWN) {
            return "kind is UNKNOWN (a kind this release does not book: PREMIUM, LOSS, ASSIGNMENT_LOSS, COMMISSION)";
        }
        if (report.getAmountCents() <= 0) {
            return "amountCents must be > 0, got " + report.getAmountCents();
        }
        if (report.getSymbol() != null) {
            String symbol = idProblem("symbol", report.getSymbol(), MAX_SYMBOL_LENGTH);
            if (symbol != null) {
                return symbol;
            }
        }
        if (report.getQuantity() != null && report.getQuantity() <= 0) {
            return "quantity must be > 0 when given, got " + report.getQuantity();
        }
        if (report.getPriceCents() != null && report.getPriceCents() < 0) {
            return "priceCents must be >= 0 when given, got " + report.getPriceCents();
        }
        if (report.getTransactTimeMs() < 0) {
            return "transactTimeMs must be >= 0, got " + report.getTransactTimeMs();
        }
        return null;
    }

    private static String idProblem(String name, String value, int maxLength) {
        if (value.isBlank()) {
            return name + " must not be blank";
        }
        if (value.length() > maxLength) {
            return name + " has " + value.length() + " characters, more than " + maxLength;
        }
        return null;
    }

    /** The command booking a report that has no {@link #problem}, keyed by the account's portfolio. */
    public static AccountCommand toCommand(ExecutionReport report) {
        return AccountCommand.newBuilder()
                .setCommandId(commandId(report.getExecutionId()))
                .setPortfolioId(AccountIds.portfolioOf(report.getAccountId()))
                .setEventTimeMs(report.getTransactTimeMs())
                .setPayload(payload(report))
                .build();
    }

    private static Object payload(ExecutionReport report) {
        String accountId = report.getAccountId();
        long amountCents = report.getAmountCents();
        String executionId = report.getExecutionId();
        return switch (report.getKind()) {
            case PREMIUM -> new TradePremium(accountId, amountCents, executionId, report.getSymbol());
            case LOSS -> new TradeLoss(accountId, amountCents, LossKind.TRADE, executionId, report.getSymbol());
            case ASSIGNMENT_LOSS ->
                new TradeLoss(accountId, amountCents, LossKind.ASSIGNMENT, executionId, report.getSymbol());
            case COMMISSION -> new Commission(accountId, amountCents, executionId);
            case UNKNOWN -> throw new IllegalArgumentException("an UNKNOWN kind books nothing");
        };
    }
}
