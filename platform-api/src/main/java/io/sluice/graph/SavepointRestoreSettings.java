package io.sluice.graph;

import java.util.Objects;

/**
 * A job that starts from a savepoint (Flink's semantics): operators get the state of the savepoint's operators with
 * the same uid, at any parallelism.
 *
 * @param path the savepoint directory (a path or a {@code file:} URI), as the savepoint request returned it
 * @param allowNonRestoredState whether savepoint state that no operator of the job claims may be left behind
 *     (otherwise the submission is refused)
 */
public record SavepointRestoreSettings(String path, boolean allowNonRestoredState) {

    public SavepointRestoreSettings {
        Objects.requireNonNull(path, "path");
        if (path.isBlank()) {
            throw new IllegalArgumentException("a savepoint path must not be blank");
        }
    }
}
