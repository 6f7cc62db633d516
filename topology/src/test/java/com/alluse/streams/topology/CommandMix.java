package com.alluse.streams.topology;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded, reproducible command stream over many portfolios: opens, premiums large enough to
 * fork (and, with low thresholds, merge), deposits, losses, commissions, withdrawals (some
 * rejected), suspensions, invalid amounts, commands on fork children that may not exist yet,
 * and exact resends of earlier commands.
 */
public final class CommandMix {
    private static final long START_MS = 1_790_000_000_000L;
    private static final String[] ACCOUNT_SUFFIXES = {
        "GEN", "REV", "COM", "F1:GEN", "F1:COM", "F2:GEN", "F2:COM", "F3:GEN", "F3:COM"
    };

    private final Random random;
    private final int portfolios;
    private final long premiumMaxCents;

    public CommandMix(long seed, int portfolios, long premiumMaxCents) {
        this.random = new Random(seed);
        this.portfolios = portfolios;
        this.premiumMaxCents = premiumMaxCents;
    }

    public static String portfolioId(int index) {
        return "P" + index;
    }

    /** {@code count} records, the first {@code portfolios} of them opening the portfolios. */
    public List<AccountCommand> generate(int count) {
        List<AccountCommand> commands = new ArrayList<>(count);
        for (int p = 0; p < portfolios && commands.size() < count; p++) {
            long capitalCents = 5_000_000L + random.nextInt(45_000_000);
            commands.add(command(
                    "open-" + p, portfolioId(p), START_MS + commands.size(), openPortfolio(capitalCents, null)));
        }
        while (commands.size() < count) {
            if (random.nextInt(100) < 3) {
                commands.add(commands.get(random.nextInt(commands.size())));
                continue;
            }
            String portfolioId = portfolioId(random.nextInt(portfolios));
            String accountId = portfolioId + ":" + ACCOUNT_SUFFIXES[random.nextInt(ACCOUNT_SUFFIXES.length)];
            String commandId = "c-" + commands.size();
            commands.add(command(commandId, portfolioId, START_MS + commands.size(), payload(accountId)));
        }
        return commands;
    }

    private Object payload(String accountId) {
        long amountCents = 1 + (long) (random.nextDouble() * premiumMaxCents);
        int roll = random.nextInt(100);
        if (roll < 40) {
            return premium(accountId, amountCents);
        } else if (roll < 52) {
            return deposit(accountId, amountCents);
        } else if (roll < 67) {
            return withdrawal(accountId, amountCents * (random.nextBoolean() ? 1 : 50));
        } else if (roll < 77) {
            return loss(accountId, amountCents / 2 + 1);
        } else if (roll < 87) {
            return commission(accountId, amountCents / 100 + 1);
        } else if (roll < 92) {
            return suspend(accountId);
        } else if (roll < 97) {
            return activate(accountId);
        }
        return deposit(accountId, 0);
    }
}
