package com.alluse.streams.loadtest;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Which portfolio a command goes to: uniform over all portfolios, or zipfian (a few hot
 * portfolios get most commands, as with a handful of very active traders). Zipfian rank 1 is
 * mapped to a scattered portfolio index so the hot keys do not all hash to one partition by
 * accident of their names.
 */
sealed interface KeyDistribution {

    /** Index of the next portfolio, 0 (inclusive) to the portfolio count (exclusive). */
    int next(SplittableRandom random);

    String label();

    static KeyDistribution parse(String spec, int portfolios) {
        String normalized = spec.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals("uniform")) {
            return new Uniform(portfolios);
        }
        if (normalized.startsWith("zipf")) {
            double exponent = normalized.contains(":")
                    ? Double.parseDouble(normalized.substring(normalized.indexOf(':') + 1))
                    : Zipfian.DEFAULT_EXPONENT;
            return new Zipfian(portfolios, exponent);
        }
        throw new IllegalArgumentException("key distribution must be 'uniform' or 'zipf[:exponent]', got " + spec);
    }

    record Uniform(int portfolios) implements KeyDistribution {
        public Uniform {
            if (portfolios < 1) {
                throw new IllegalArgumentException("portfolios must be positive, got " + portfolios);
            }
        }

        @Override
        public int next(SplittableRandom random) {
            return random.nextInt(portfolios);
        }

        @Override
        public String label() {
            return "uniform";
        }
    }

    /** Inverse-CDF sampling over a precomputed table: O(log n) per key, 8 bytes per portfolio. */
    final class Zipfian implements KeyDistribution {
        static final double DEFAULT_EXPONENT = 0.99;
        private static final long SCATTER = 0x9E3779B97F4A7C15L;

        private final double exponent;
        private final double[] cumulative;
        private final long step;

        Zipfian(int portfolios, double exponent) {
            if (portfolios < 1) {
                throw new IllegalArgumentException("portfolios must be positive, got " + portfolios);
            }
            if (exponent <= 0 || exponent > 5) {
                throw new IllegalArgumentException("zipf exponent must be within (0, 5], got " + exponent);
            }
            this.exponent = exponent;
            this.cumulative = new double[portfolios];
            double sum = 0;
            for (int rank = 1; rank <= portfolios; rank++) {
                sum += 1.0 / Math.pow(rank, exponent);
                cumulative[rank - 1] = sum;
            }
            for (int i = 0; i < portfolios; i++) {
                cumulative[i] /= sum;
            }
            this.step = stepCoprimeTo(portfolios);
        }

        @Override
        public int next(SplittableRandom random) {
            int found = Arrays.binarySearch(cumulative, random.nextDouble());
            int rank = found >= 0 ? found : Math.min(-found - 1, cumulative.length - 1);
            return scatter(rank);
        }

        /** Rank r -> portfolio index: a fixed permutation (r * odd + offset mod n is a bijection when gcd(odd, n) = 1). */
        private int scatter(int rank) {
            return (int) Math.floorMod(rank * step + 7, (long) cumulative.length);
        }

        private static long stepCoprimeTo(int n) {
            long step = Math.floorMod(SCATTER, (long) Math.max(n, 1)) | 1;
            // Bounded: among n consecutive candidates one is coprime to n (1 at worst, after n steps).
            for (int i = 0; i < n && gcd(step, n) != 1; i++) {
                step = Math.floorMod(step + 2, (long) n) | 1;
            }
            return gcd(step, n) == 1 ? step : 1;
        }

        private static long gcd(long a, long b) {
            while (b != 0) {
                long t = a % b;
                a = b;
                b = t;
            }
            return a;
        }

        /** Share of all commands that the hottest portfolio receives. */
        double hottestShare() {
            return cumulative[0];
        }

        @Override
        public String label() {
            return String.format(Locale.ROOT, "zipf(%.2f)", exponent);
        }
    }
}
