package io.sluice.engine.checkpoint;

/**
 * Where one task's snapshot for one checkpoint lives, as the task reported it. The engine never reads the state:
 * it keeps the handle and gives it back to the task that restores.
 *
 * @param location opaque to the engine: a file URI or a key in checkpoint storage
 * @param stateSize bytes of the full state this snapshot represents
 * @param incrementalSize bytes written for this checkpoint (equal to {@code stateSize} for a full snapshot)
 */
public record SubtaskStateHandle(String location, long stateSize, long incrementalSize) {

    public SubtaskStateHandle {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("a state handle needs a location");
        }
        if (stateSize < 0 || incrementalSize < 0) {
            throw new IllegalArgumentException(
                    "state sizes must not be negative: " + stateSize + ", " + incrementalSize);
        }
    }
}
