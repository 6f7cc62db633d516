package com.alluse.streams.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One ALL-USE system of one owner: its thresholds, fork and merge counters, and the money that
 * entered or left it (for the conservation invariant). Account ids are derived, not stored.
 */
public final class Portfolio {
    private final String portfolioId;
    private final String ownerId;
    private final Template template;
    private final long capitalCents;
    private final long forkThresholdCents;
    private final long mergeThresholdCents;
    private final long openedAtMs;
    private int forkCount;
    private int mergeCount;
    private final Flows flows;

    public Portfolio(
            String portfolioId,
            String ownerId,
            Template template,
            long capitalCents,
            long forkThresholdCents,
            long mergeThresholdCents,
            long openedAtMs,
            int forkCount,
            int mergeCount,
            Flows flows) {
        this.portfolioId = Objects.requireNonNull(portfolioId);
        this.ownerId = Objects.requireNonNull(ownerId);
        this.template = Objects.requireNonNull(template);
        this.capitalCents = capitalCents;
        this.forkThresholdCents = forkThresholdCents;
        this.mergeThresholdCents = mergeThresholdCents;
        this.openedAtMs = openedAtMs;
        this.forkCount = forkCount;
        this.mergeCount = mergeCount;
        this.flows = Objects.requireNonNull(flows);
    }

    /** Every account id of the portfolio in creation order: the three main ones, then two per fork. */
    public List<String> accountIds() {
        List<String> ids = new ArrayList<>(3 + 2 * forkCount);
        for (AccountType type : AccountType.values()) {
            ids.add(AccountIds.main(portfolioId, type));
        }
        for (int fork = 1; fork <= forkCount; fork++) {
            String forkId = AccountIds.fork(portfolioId, fork);
            ids.add(AccountIds.forkChild(forkId, AccountType.GENERATION));
            ids.add(AccountIds.forkChild(forkId, AccountType.COMPOUNDING));
        }
        return ids;
    }

    /** Capital + deposits - withdrawals + premiums - losses - commissions: what the balances must sum to. */
    public long expectedTotalCents() {
        return Math.addExact(capitalCents, flows.netCents());
    }

    String nextForkId() {
        forkCount++;
        return AccountIds.fork(portfolioId, forkCount);
    }

    String nextMergeId() {
        mergeCount++;
        return AccountIds.merge(portfolioId, mergeCount);
    }

    public String portfolioId() {
        return portfolioId;
    }

    public String ownerId() {
        return ownerId;
    }

    public Template template() {
        return template;
    }

    public long capitalCents() {
        return capitalCents;
    }

    public long forkThresholdCents() {
        return forkThresholdCents;
    }

    public long mergeThresholdCents() {
        return mergeThresholdCents;
    }

    public long openedAtMs() {
        return openedAtMs;
    }

    public int forkCount() {
        return forkCount;
    }

    public int mergeCount() {
        return mergeCount;
    }

    public Flows flows() {
        return flows;
    }

    /** Money that crossed the portfolio's boundary, by kind; all non-negative. */
    public static final class Flows {
        private long depositsCents;
        private long withdrawalsCents;
        private long premiumsCents;
        private long lossesCents;
        private long commissionsCents;

        public Flows(
                long depositsCents,
                long withdrawalsCents,
                long premiumsCents,
                long lossesCents,
                long commissionsCents) {
            this.depositsCents = depositsCents;
            this.withdrawalsCents = withdrawalsCents;
            this.premiumsCents = premiumsCents;
            this.lossesCents = lossesCents;
            this.commissionsCents = commissionsCents;
        }

        public static Flows none() {
            return new Flows(0, 0, 0, 0, 0);
        }

        void record(EntryType type, long amountCents) {
            switch (type) {
                case DEPOSIT -> depositsCents = Math.addExact(depositsCents, amountCents);
                case WITHDRAWAL -> withdrawalsCents = Math.addExact(withdrawalsCents, amountCents);
                case PREMIUM -> premiumsCents = Math.addExact(premiumsCents, amountCents);
                case LOSS -> lossesCents = Math.addExact(lossesCents, amountCents);
                case COMMISSION -> commissionsCents = Math.addExact(commissionsCents, amountCents);
                default -> throw new IllegalArgumentException(type + " does not cross the portfolio boundary");
            }
        }

        long netCents() {
            long in = Math.addExact(depositsCents, premiumsCents);
            long out = Math.addExact(Math.addExact(withdrawalsCents, lossesCents), commissionsCents);
            return Math.subtractExact(in, out);
        }

        public long depositsCents() {
            return depositsCents;
        }

        public long withdrawalsCents() {
            return withdrawalsCents;
        }

        public long premiumsCents() {
            return premiumsCents;
        }

        public long lossesCents() {
            return lossesCents;
        }

        public long commissionsCents() {
            return commissionsCents;
        }
    }
}
