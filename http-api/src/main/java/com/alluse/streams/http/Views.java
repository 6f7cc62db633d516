package com.alluse.streams.http;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.ReconciliationResult;
import com.alluse.streams.client.json.RecordJson;
import com.alluse.streams.domain.AccountType;
import com.alluse.streams.domain.Money;
import com.alluse.streams.domain.Portfolio;
import com.alluse.streams.processors.StoredReceipt;
import com.alluse.streams.processors.StrategyEvents;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JSON documents of the API; money as decimal strings, like every other output. */
final class Views {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final RecordJson recordJson = new RecordJson();

    ObjectNode account(AccountState state) {
        return recordJson.toJson(state);
    }

    ObjectNode portfolio(Portfolio portfolio, List<AccountState> accounts) {
        ObjectNode json = portfolioFields(portfolio);
        ArrayNode list = json.putArray("accounts");
        accounts.forEach(account -> list.add(account(account)));
        json.set("totalsByType", totalsByType(accounts));
        json.put(
                "total",
                Money.toDecimalString(accounts.stream()
                        .mapToLong(AccountState::getBalanceCents)
                        .sum()));
        json.set("forkTree", forkTree(accounts));
        return json;
    }

    /** Named here, not derived from a store schema, so that the API changes only when this code does. */
    private static ObjectNode portfolioFields(Portfolio portfolio) {
        Portfolio.Flows flows = portfolio.flows();
        return JSON.objectNode()
                .put("portfolioId", portfolio.portfolioId())
                .put("ownerId", portfolio.ownerId())
                .put("template", portfolio.template().name())
                .put("capital", Money.toDecimalString(portfolio.capitalCents()))
                .put("forkThreshold", Money.toDecimalString(portfolio.forkThresholdCents()))
                .put("mergeThreshold", Money.toDecimalString(portfolio.mergeThresholdCents()))
                .put("forkCount", portfolio.forkCount())
                .put("mergeCount", portfolio.mergeCount())
                .put("deposits", Money.toDecimalString(flows.depositsCents()))
                .put("withdrawals", Money.toDecimalString(flows.withdrawalsCents()))
                .put("premiums", Money.toDecimalString(flows.premiumsCents()))
                .put("losses", Money.toDecimalString(flows.lossesCents()))
                .put("commissions", Money.toDecimalString(flows.commissionsCents()))
                .put("openedAtMs", portfolio.openedAtMs());
    }

    private static ObjectNode totalsByType(List<AccountState> accounts) {
        Map<String, long[]> totals = new TreeMap<>();
        for (AccountState account : accounts) {
            long[] sums = totals.computeIfAbsent(account.getAccountType().name(), type -> new long[2]);
            sums[0] += account.getBalanceCents();
            sums[1]++;
        }
        ObjectNode json = JSON.objectNode();
        totals.forEach((type, sums) -> json.putObject(type)
                .put("balance", Money.toDecimalString(sums[0]))
                .put("accounts", sums[1]));
        return json;
    }

    /** The main accounts as roots; every account's children are the fork children it seeded. */
    private static ArrayNode forkTree(List<AccountState> accounts) {
        ArrayNode roots = JSON.arrayNode();
        for (AccountState account : accounts) {
            if (account.getParentAccountId() == null) {
                roots.add(treeNode(account, accounts));
            }
        }
        return roots;
    }

    private static ObjectNode treeNode(AccountState account, List<AccountState> accounts) {
        ObjectNode node = JSON.objectNode()
                .put("accountId", account.getAccountId())
                .put("accountType", account.getAccountType().name())
                .put("status", account.getStatus().name())
                .put("balance", Money.toDecimalString(account.getBalanceCents()));
        if (account.getForkId() != null) {
            node.put("forkId", account.getForkId());
        }
        List<ObjectNode> children = new ArrayList<>();
        for (AccountState candidate : accounts) {
            if (account.getAccountId().equals(candidate.getParentAccountId())) {
                children.add(treeNode(candidate, accounts));
            }
        }
        if (!children.isEmpty()) {
            node.putArray("children").addAll(children);
        }
        return node;
    }

    ObjectNode ledgerPage(String accountId, long fromSeq, List<LedgerEntry> entries, Long nextFromSeq) {
        ObjectNode json = JSON.objectNode().put("accountId", accountId).put("fromSeq", fromSeq);
        ArrayNode list = json.putArray("entries");
        entries.forEach(entry -> list.add(recordJson.toJson(entry)));
        if (nextFromSeq != null) {
            json.put("nextFromSeq", nextFromSeq);
        } else {
            json.putNull("nextFromSeq");
        }
        return json;
    }

    ObjectNode balance(String accountId, Instant asOf, LedgerEntry last) {
        return JSON.objectNode()
                .put("accountId", accountId)
                .put("asOf", asOf.toString())
                .put("balance", Money.toDecimalString(last.getBalanceAfterCents()))
                .put("sequence", last.getSequence())
                .put(
                        "entryEventTime",
                        Instant.ofEpochMilli(last.getEventTimeMs()).toString());
    }

    /** Field names chosen here, not derived from the view record, so that the API changes only when this code does. */
    ObjectNode strategy(AccountState state, AccountType type, StrategyEvents.StrategyView view) {
        ObjectNode json = JSON.objectNode()
                .put("accountId", state.getAccountId())
                .put("portfolioId", state.getPortfolioId())
                .put("accountType", state.getAccountType().name())
                .put("announcedStatus", view.status().name())
                .put("deployableCapital", Money.toDecimalString(view.deployableCents()))
                .put("bufferBreached", view.bufferBreached())
                .put("drawdownBreached", view.drawdownBreached())
                .put("available", Money.toDecimalString(state.getAvailableCents()));
        ObjectNode parameters = json.putObject("parameters")
                .put("targetWeeklyReturnBps", type.targetWeeklyReturnBps())
                .put("deltaMin", type.deltaMin())
                .put("deltaMax", type.deltaMax())
                .put("positionSizingBps", type.positionSizingBps())
                .put("maxDrawdownBps", type.maxDrawdownBps());
        type.entryDays().forEach(parameters.putArray("entryDays")::add);
        return json;
    }

    /** The latest result in full, with the times an operator asks for first. */
    ObjectNode reconciliation(ReconciliationResult result) {
        ObjectNode json = JSON.objectNode()
                .put("accountId", result.getAccountId())
                .put("status", result.getStatus().name())
                .put("asOf", Instant.ofEpochMilli(result.getAsOfMs()).toString());
        if (result.getLastMatchedAsOfMs() != null) {
            json.put(
                    "lastMatchedAsOf",
                    Instant.ofEpochMilli(result.getLastMatchedAsOfMs()).toString());
        } else {
            json.putNull("lastMatchedAsOf");
        }
        json.set("latest", recordJson.toJson(result));
        return json;
    }

    ObjectNode result(CommandResult result, ConsistencyToken token) {
        ObjectNode json = recordJson.toJson(result);
        if (token != null) {
            json.put("consistencyToken", token.toString());
        }
        return json;
    }

    ObjectNode receipt(String portfolioId, StoredReceipt receipt) {
        ObjectNode json = JSON.objectNode()
                .put("portfolioId", portfolioId)
                .put("commandId", receipt.commandId())
                .put("outcome", receipt.outcome().name())
                .put("commandPartition", receipt.commandPartition())
                .put("commandOffset", receipt.commandOffset());
        if (receipt.reasonCode() != null) {
            json.put("reasonCode", receipt.reasonCode().name());
        }
        if (receipt.outcome() == CommandOutcome.ACCEPTED) {
            json.put(
                    "consistencyToken",
                    new ConsistencyToken(receipt.commandPartition(), receipt.commandOffset()).toString());
        }
        return json;
    }
}
