package com.alluse.streams.loadtest;

import java.util.List;

/**
 * @param restoreMillis from starting the app on an empty state directory to RUNNING (every store restored from its changelog)
 * @param changelogRecords records in the pipeline's changelog topics that the restore read
 */
record ScaleResult(
        List<ScaleStep> steps,
        long restoreMillis,
        long stateDirBytesBeforeRestore,
        long changelogRecords,
        List<String> errors) {

    boolean clean() {
        return errors.isEmpty();
    }
}
