package io.sluice.engine.checkpoint;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Keeps the checkpoints in memory: they are lost with the engine. For tests and until a durable store exists. */
public final class InMemoryCompletedCheckpointStore implements CompletedCheckpointStore {

    private final List<CompletedCheckpoint> checkpoints = new ArrayList<>();

    @Override
    public List<CompletedCheckpoint> add(CompletedCheckpoint checkpoint, int retainedCheckpoints) {
        if (retainedCheckpoints < 1) {
            throw new IllegalArgumentException("at least one checkpoint must be retained: " + retainedCheckpoints);
        }
        Optional<CompletedCheckpoint> newest = latest();
        if (newest.isPresent()) {
            if (!newest.get().jobId().equals(checkpoint.jobId())) {
                throw new IllegalArgumentException("checkpoint of job " + checkpoint.jobId()
                        + " added to the store of job " + newest.get().jobId());
            }
            if (checkpoint.checkpointId() <= newest.get().checkpointId()) {
                throw new IllegalArgumentException("checkpoint " + checkpoint.checkpointId()
                        + " is not newer than stored checkpoint " + newest.get().checkpointId());
            }
        }
        checkpoints.add(checkpoint);
        return subsumeBeyond(retainedCheckpoints);
    }

    private List<CompletedCheckpoint> subsumeBeyond(int retainedCheckpoints) {
        long periodic = checkpoints.stream().filter(c -> !c.isSavepoint()).count();
        List<CompletedCheckpoint> subsumed = new ArrayList<>();
        for (Iterator<CompletedCheckpoint> it = checkpoints.iterator(); periodic > retainedCheckpoints; ) {
            CompletedCheckpoint oldest = it.next();
            if (!oldest.isSavepoint()) {
                it.remove();
                subsumed.add(oldest);
                periodic--;
            }
        }
        return subsumed;
    }

    @Override
    public Optional<CompletedCheckpoint> latest() {
        return checkpoints.isEmpty() ? Optional.empty() : Optional.of(checkpoints.get(checkpoints.size() - 1));
    }

    @Override
    public List<CompletedCheckpoint> all() {
        return List.copyOf(checkpoints);
    }
}
