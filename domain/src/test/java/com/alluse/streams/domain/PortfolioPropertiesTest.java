package com.alluse.streams.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property-based: random command and calendar sequences, with thresholds low enough to fork and
 * merge repeatedly. After every step the section-3 invariants hold, which includes conservation
 * of money across forks, merges and reinvestments. Each seed is reproducible.
 */
class PortfolioPropertiesTest {
    private static final int STEPS_PER_SEED = 600;
    private static final RulesConfig FAST_GROWTH = new RulesConfig(100_000, 1_000_000, 500, 2_000, 10_000, 7_500);

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldHoldInvariantsAfterEveryStepOfARandomSequence(long seed) {
        Random random = new Random(seed);
        PortfolioBook book = new PortfolioBook(FAST_GROWTH);
        book.open("10,000.00");

        for (int step = 0; step < STEPS_PER_SEED; step++) {
            randomStep(random, book, step);
            List<String> violations = book.violations();
            assertThat(violations).as("seed %d step %d", seed, step).isEmpty();
        }
        assertThat(book.portfolio().forkCount()).as("seed %d forks", seed).isGreaterThan(1);
        assertThat(book.portfolio().mergeCount()).as("seed %d merges", seed).isGreaterThan(0);
    }

    private static void randomStep(Random random, PortfolioBook book, int step) {
        if (step % 25 == 24) {
            book.weekClose("W" + step);
            return;
        }
        if (step % 100 == 99) {
            book.quarterClose("Q" + step);
            return;
        }
        List<String> ids = book.portfolio().accountIds();
        String accountId = ids.get(random.nextInt(ids.size()));
        long amountCents = 1 + (long) (random.nextDouble() * random.nextDouble() * 300_000);
        Command command = switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> new Command.TradePremium(accountId, amountCents);
            case 4 -> new Command.TradeLoss(accountId, amountCents / 2);
            case 5 -> new Command.Commission(accountId, 1 + amountCents / 100);
            case 6 -> new Command.Deposit(accountId, amountCents);
            case 7 -> new Command.Withdrawal(accountId, amountCents);
            case 8 -> new Command.Suspend(accountId, null);
            default -> new Command.Activate(accountId);
        };
        book.submit(command);
    }
}
