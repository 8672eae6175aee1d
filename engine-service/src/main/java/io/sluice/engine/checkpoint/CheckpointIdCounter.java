package io.sluice.engine.checkpoint;

/**
 * Hands out the checkpoint ids of one job. Ids strictly increase and are never given twice, also across restarts
 * of the coordinator: a task or a channel may still hold data of an old checkpoint, and it must never be mistaken
 * for a new one with the same id.
 */
@FunctionalInterface
public interface CheckpointIdCounter {

    /** @return the next id; no later call returns it or a smaller one */
    long getAndIncrement();
}
