package com.alluse.streams.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The comparison of one kind of output (account states, ledger entries, ...) between the live
 * pipeline and a replay, by key: records only live has, records only the replay has, records
 * under the same key that differ.
 */
record DrillDiff(String name, int live, int replay, int missing, int extra, int different, List<String> examples) {
    /** Differing keys shown per kind; the counts cover them all. */
    static final int MAX_EXAMPLES = 5;

    static <T> DrillDiff compare(String name, Map<String, T> live, Map<String, T> replay) {
        int missing = 0;
        int extra = 0;
        int different = 0;
        List<String> examples = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(live.keySet());
        keys.addAll(replay.keySet());
        for (String key : keys) {
            T liveValue = live.get(key);
            T replayValue = replay.get(key);
            String problem;
            if (replayValue == null) {
                missing++;
                problem = "only live has " + key;
            } else if (liveValue == null) {
                extra++;
                problem = "only the replay has " + key;
            } else if (!Objects.equals(liveValue, replayValue)) {
                different++;
                problem = key + " differs: live " + liveValue + " replay " + replayValue;
            } else {
                continue;
            }
            if (examples.size() < MAX_EXAMPLES) {
                examples.add(problem);
            }
        }
        return new DrillDiff(name, live.size(), replay.size(), missing, extra, different, List.copyOf(examples));
    }

    int differences() {
        return missing + extra + different;
    }

    String summaryLine() {
        return String.format(
                java.util.Locale.ROOT,
                "%-17s live %7d  replay %7d  only live %d  only replay %d  different %d",
                name,
                live,
                replay,
                missing,
                extra,
                different);
    }
}
