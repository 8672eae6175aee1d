package io.sluice.protocol;

/**
 * Where one task's snapshot for one checkpoint lives, as the task acknowledges it. The engine keeps it opaque and
 * hands it back to the task that restores.
 *
 * @param location the task's directory in checkpoint storage (a file URI)
 * @param stateSize bytes of the full state this snapshot represents
 * @param incrementalSize bytes written for this checkpoint
 */
public record TaskSnapshot(String location, long stateSize, long incrementalSize) {}
