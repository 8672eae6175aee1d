package io.sluice.engine.checkpoint;

import java.util.Optional;

/**
 * What a checkpoint is for. A periodic checkpoint belongs to the engine, which subsumes it once newer ones are
 * retained; a savepoint is asked for by the user, written under the user's directory, and never subsumed.
 */
public sealed interface CheckpointType {

    Periodic PERIODIC = new Periodic();

    default boolean isSavepoint() {
        return this instanceof Savepoint;
    }

    /** Where a savepoint goes; empty for periodic checkpoints. */
    default Optional<String> targetDirectory() {
        return this instanceof Savepoint savepoint ? Optional.of(savepoint.directory()) : Optional.empty();
    }

    /** Triggered by the coordinator's schedule. */
    record Periodic() implements CheckpointType {}

    /** Triggered on request; {@code directory} is the user's target directory (a path or URI). */
    record Savepoint(String directory) implements CheckpointType {
        public Savepoint {
            if (directory == null || directory.isBlank()) {
                throw new IllegalArgumentException("a savepoint needs a target directory");
            }
        }
    }
}
