package com.alluse.streams.simulator;

import com.alluse.streams.avro.ExecutionKind;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Trades every tradable account once a week on one of its entry days, sized by the deployable capital the
 * pipeline announced: a premium near the account type's target weekly return (with seeded noise), now and then a
 * trading or an assignment loss instead, and, in the account's billing week, the commission of the contracts
 * traded over the billing interval. An account's draws depend only on the seed, the week and its id, so the same
 * announcements give the same trades in any order.
 */
public final class SimulatedStrategyEngine {
    private static final long BPS = 10_000L;

    private final long seed;
    private final TradingProfile profile;

    public SimulatedStrategyEngine(long seed, TradingProfile profile) {
        this.seed = seed;
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /**
     * The week's trades of the accounts whose chosen entry day is in {@code days}, in account order; per account
     * the commission first and the premium or loss last, so a premium that makes a group merge is the account's
     * last fact of the step.
     */
    public List<Trade> trades(int week, List<AccountView> accounts, Set<DayOfWeek> days) {
        List<Trade> trades = new ArrayList<>();
        for (AccountView account : accounts) {
            if (!account.isTradable() || account.entryDays().isEmpty()) {
                continue;
            }
            SplittableRandom random = random(week, account.accountId());
            DayOfWeek day =
                    account.entryDays().get(random.nextInt(account.entryDays().size()));
            if (days.contains(day)) {
                trades.addAll(tradesOf(account, day, random, isBillingWeek(week, account)));
            }
        }
        return trades;
    }

    private List<Trade> tradesOf(AccountView account, DayOfWeek day, SplittableRandom random, boolean billed) {
        long deployable = account.deployableCapitalCents();
        long contracts = Math.max(1, deployable / profile.contractNotionalCents());
        String symbol = symbol(account, random);
        List<Trade> trades = new ArrayList<>(2);
        if (billed) {
            long commission = Math.multiplyExact(
                    Math.multiplyExact(contracts, profile.commissionPerContractCents()),
                    profile.commissionIntervalWeeks());
            trades.add(new Trade(account.accountId(), day, ExecutionKind.COMMISSION, commission, symbol, contracts, 0));
        }
        int draw = random.nextInt(100);
        if (draw < profile.lossPercent()) {
            trades.add(loss(account, day, ExecutionKind.LOSS, symbol, contracts, random));
        } else if (draw < profile.lossPercent() + profile.assignmentPercent()) {
            trades.add(loss(account, day, ExecutionKind.ASSIGNMENT_LOSS, symbol, contracts, random));
        } else {
            long premium = premium(account, random);
            if (premium > 0) {
                trades.add(new Trade(
                        account.accountId(),
                        day,
                        ExecutionKind.PREMIUM,
                        premium,
                        symbol,
                        contracts,
                        premium / contracts));
            }
        }
        return trades;
    }

    /** deployable x target x (1 +- noise), all in basis points, rounded down. */
    private long premium(AccountView account, SplittableRandom random) {
        int noise = profile.premiumNoiseBps();
        long factorBps = BPS - noise + (noise == 0 ? 0 : random.nextInt(2 * noise + 1));
        long targetCents = Math.multiplyExact(account.deployableCapitalCents(), account.targetWeeklyReturnBps()) / BPS;
        return Math.multiplyExact(targetCents, factorBps) / BPS;
    }

    private Trade loss(
            AccountView account,
            DayOfWeek day,
            ExecutionKind kind,
            String symbol,
            long contracts,
            SplittableRandom random) {
        long lossBps = 1 + random.nextInt(profile.maxLossBps());
        long amount = Math.max(1, Math.multiplyExact(account.deployableCapitalCents(), lossBps) / BPS);
        return new Trade(account.accountId(), day, kind, amount, symbol, contracts, amount / contracts);
    }

    /** Each account is billed in its own week of the cycle, so the fee reports spread over the weeks. */
    private boolean isBillingWeek(int week, AccountView account) {
        return Math.floorMod(week + account.accountId().hashCode(), profile.commissionIntervalWeeks()) == 0;
    }

    private static String symbol(AccountView account, SplittableRandom random) {
        String[] underlyings = {"SPY", "QQQ", "IWM", "AAPL", "MSFT", "NVDA", "AMZN"};
        return underlyings[random.nextInt(underlyings.length)] + "-"
                + account.type().name().charAt(0);
    }

    private SplittableRandom random(int week, String accountId) {
        return new SplittableRandom(seed * 1_000_003L + week * 7_919L + accountId.hashCode());
    }
}
