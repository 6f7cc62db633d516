package com.alluse.streams.loadtest;

import static com.alluse.streams.client.AccountCommands.activate;
import static com.alluse.streams.client.AccountCommands.command;
import static com.alluse.streams.client.AccountCommands.commission;
import static com.alluse.streams.client.AccountCommands.deposit;
import static com.alluse.streams.client.AccountCommands.loss;
import static com.alluse.streams.client.AccountCommands.openPortfolio;
import static com.alluse.streams.client.AccountCommands.premium;
import static com.alluse.streams.client.AccountCommands.suspend;
import static com.alluse.streams.client.AccountCommands.withdrawal;

import com.alluse.streams.avro.AccountCommand;
import java.util.SplittableRandom;

/**
 * A seeded, realistic command mix over opened portfolios. Portfolios open with low per-portfolio
 * fork and merge thresholds (an opening may override the deployment's), so that premiums make
 * Gen-Accs fork and fork groups merge within a run of a few hundred commands per portfolio.
 *
 * <p>Mix after opening, per 100 commands: 40 trade premiums (on the Gen-Acc or a fork child's
 * Gen-Acc, which may not exist yet: UNKNOWN_ACCOUNT), 14 deposits, 14 withdrawals (one in four
 * asks for far more than is available: INSUFFICIENT_AVAILABLE; some hit the Gen-Acc:
 * WITHDRAWAL_FORBIDDEN), 10 commissions, 10 trade losses, 4 suspend/activate pairs' halves,
 * 2 zero-amount deposits (INVALID_AMOUNT). Not thread-safe: one generator per producing thread.
 */
final class CommandGenerator {
    static final long FORK_THRESHOLD_CENTS = 1_000_00L;
    static final long MERGE_THRESHOLD_CENTS = 3_000_00L;
    private static final String[] MAIN_ACCOUNTS = {"GEN", "REV", "COM"};
    private static final int FORK_CHILDREN_TARGETED = 6;

    private final SplittableRandom random;
    private final KeyDistribution keys;

    CommandGenerator(long seed, KeyDistribution keys) {
        this.random = new SplittableRandom(seed);
        this.keys = keys;
    }

    static String portfolioId(int index) {
        return "P" + index;
    }

    /** Opens portfolio {@code index} with $100,000..$500,000 and the low thresholds above. */
    AccountCommand open(String commandId, int index) {
        long capitalCents = 100_000_00L + random.nextLong(400_000_00L);
        return command(
                commandId,
                portfolioId(index),
                System.currentTimeMillis(),
                openPortfolio("owner-" + index, capitalCents, "MODERATE", FORK_THRESHOLD_CENTS, MERGE_THRESHOLD_CENTS));
    }

    /** One command of the mix on a portfolio drawn from the key distribution (all must be opened). */
    AccountCommand mixed(String commandId) {
        String portfolioId = portfolioId(keys.next(random));
        return command(commandId, portfolioId, System.currentTimeMillis(), payload(portfolioId));
    }

    private Object payload(String portfolioId) {
        int roll = random.nextInt(100);
        if (roll < 40) {
            return premium(growthAccount(portfolioId), cents(100_00, 1_500_00));
        } else if (roll < 54) {
            return deposit(account(portfolioId), cents(50_00, 5_000_00));
        } else if (roll < 68) {
            long amountCents = cents(10_00, 2_000_00);
            return withdrawal(account(portfolioId), random.nextInt(4) == 0 ? amountCents * 1_000 : amountCents);
        } else if (roll < 78) {
            return commission(growthAccount(portfolioId), cents(1_00, 20_00));
        } else if (roll < 88) {
            return loss(growthAccount(portfolioId), cents(50_00, 800_00));
        } else if (roll < 92) {
            return suspend(account(portfolioId));
        } else if (roll < 98) {
            // More activations than suspensions, so most accounts stay active and keep forking.
            return activate(account(portfolioId));
        }
        return deposit(account(portfolioId), 0);
    }

    /** The Gen-Acc (60%) or one of the first fork groups' Gen-Acc (40%), which grow into forks and merges. */
    private String growthAccount(String portfolioId) {
        if (random.nextInt(10) < 6) {
            return portfolioId + ":GEN";
        }
        return portfolioId + ":F" + (1 + random.nextInt(FORK_CHILDREN_TARGETED)) + ":GEN";
    }

    private String account(String portfolioId) {
        return portfolioId + ":" + MAIN_ACCOUNTS[random.nextInt(MAIN_ACCOUNTS.length)];
    }

    private long cents(long minCents, long maxCents) {
        return minCents + random.nextLong(maxCents - minCents + 1);
    }
}
