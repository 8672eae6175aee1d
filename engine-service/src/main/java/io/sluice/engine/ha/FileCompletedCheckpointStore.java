package io.sluice.engine.ha;

import io.sluice.engine.checkpoint.CheckpointType;
import io.sluice.engine.checkpoint.CompletedCheckpoint;
import io.sluice.engine.checkpoint.CompletedCheckpointStore;
import io.sluice.engine.checkpoint.InMemoryCompletedCheckpointStore;
import io.sluice.engine.checkpoint.SubtaskStateHandle;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The retained checkpoints of one job in one JSON file, rewritten atomically on every change: the metadata of a
 * checkpoint is durable before the coordinator reports it complete (and before any task hears of it). Subsumption
 * follows the in-memory store, which this one wraps.
 */
final class FileCompletedCheckpointStore implements CompletedCheckpointStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;
    private final InMemoryCompletedCheckpointStore checkpoints = new InMemoryCompletedCheckpointStore();

    FileCompletedCheckpointStore(Path file) {
        this.file = file;
        List<CompletedCheckpoint> stored = read(file);
        // Re-adding in order rebuilds the in-memory view; nothing is subsumed as the file holds only retained ones.
        stored.forEach(c -> checkpoints.add(c, Integer.MAX_VALUE));
    }

    @Override
    public List<CompletedCheckpoint> add(CompletedCheckpoint checkpoint, int retainedCheckpoints) {
        InMemoryCompletedCheckpointStore next = new InMemoryCompletedCheckpointStore();
        checkpoints.all().forEach(c -> next.add(c, Integer.MAX_VALUE));
        List<CompletedCheckpoint> subsumed = next.add(checkpoint, retainedCheckpoints);
        write(next.all());
        // Only once the file says so: a failed write leaves the checkpoint pending (it expires), not half stored.
        checkpoints.add(checkpoint, retainedCheckpoints);
        return subsumed;
    }

    @Override
    public Optional<CompletedCheckpoint> latest() {
        return checkpoints.latest();
    }

    @Override
    public List<CompletedCheckpoint> all() {
        return checkpoints.all();
    }

    private void write(List<CompletedCheckpoint> retained) {
        List<Stored> stored = retained.stream().map(Stored::of).toList();
        AtomicFile.write(file, JSON.writeValueAsBytes(stored));
    }

    private static List<CompletedCheckpoint> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            Stored[] stored = JSON.readValue(Files.readAllBytes(file), Stored[].class);
            return Arrays.stream(stored).map(Stored::toCheckpoint).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint metadata " + file, e);
        } catch (JacksonException e) {
            throw new IllegalStateException("corrupt checkpoint metadata " + file, e);
        }
    }

    /** The file format of one checkpoint: task ids are not map keys in JSON, so states are a list. */
    record Stored(String jobId, long checkpointId, Instant triggerTimestamp, Instant completionTimestamp,
            String savepointDirectory, List<StoredState> states) {

        static Stored of(CompletedCheckpoint c) {
            return new Stored(c.jobId().hex(), c.checkpointId(), c.triggerTimestamp(), c.completionTimestamp(),
                    c.externalPath().orElse(null),
                    c.states().entrySet().stream().map(e -> StoredState.of(e.getKey(), e.getValue())).toList());
        }

        CompletedCheckpoint toCheckpoint() {
            Map<TaskId, SubtaskStateHandle> handles = new LinkedHashMap<>();
            JobId job = new JobId(jobId);
            states.forEach(s -> handles.put(new TaskId(job, s.chainId(), s.subtask()),
                    new SubtaskStateHandle(s.location(), s.stateSize(), s.incrementalSize())));
            CheckpointType type = savepointDirectory == null
                    ? CheckpointType.PERIODIC
                    : new CheckpointType.Savepoint(savepointDirectory);
            return new CompletedCheckpoint(job, checkpointId, triggerTimestamp, completionTimestamp, type, handles);
        }
    }

    record StoredState(String chainId, int subtask, String location, long stateSize, long incrementalSize) {

        static StoredState of(TaskId task, SubtaskStateHandle handle) {
            return new StoredState(task.chainId(), task.subtask(), handle.location(), handle.stateSize(),
                    handle.incrementalSize());
        }
    }
}
