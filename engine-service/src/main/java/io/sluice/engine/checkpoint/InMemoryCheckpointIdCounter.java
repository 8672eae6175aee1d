package io.sluice.engine.checkpoint;

/**
 * Counts in memory. Shared by the successive coordinators of a job within one engine run it never repeats an id;
 * after an engine restart, {@link #continuingAfter} resumes after the newest stored checkpoint, so ids of
 * checkpoints that failed after it are given again (a durable counter will close that gap).
 */
public final class InMemoryCheckpointIdCounter implements CheckpointIdCounter {

    /** Flink numbers checkpoints from 1 as well. */
    public static final long FIRST_ID = 1;

    private long next;

    public InMemoryCheckpointIdCounter() {
        this(FIRST_ID);
    }

    public InMemoryCheckpointIdCounter(long next) {
        if (next < FIRST_ID) {
            throw new IllegalArgumentException("checkpoint ids start at " + FIRST_ID + ": " + next);
        }
        this.next = next;
    }

    /** Seeded from the store: the first id follows the newest stored checkpoint or savepoint. */
    public static InMemoryCheckpointIdCounter continuingAfter(CompletedCheckpointStore store) {
        return new InMemoryCheckpointIdCounter(store.latest().map(c -> c.checkpointId() + 1).orElse(FIRST_ID));
    }

    @Override
    public long getAndIncrement() {
        return next++;
    }
}
