package io.sluice.engine.savepoint;

import io.sluice.protocol.ChainSpec;
import io.sluice.protocol.ExecutionPlan;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.runtime.checkpoint.CheckpointStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job-level part of a savepoint, written by the engine as {@value #FILE} into the savepoint directory once every
 * task wrote its snapshot there ({@code <savepoint>/<chain>-<subtask>/}): which operators (by uid) the savepoint
 * holds and at which parallelism. Every path is relative to the savepoint directory, so a savepoint can be moved
 * or copied as a whole.
 *
 * @param version format version, {@value #VERSION}
 * @param jobId the job the savepoint was taken of
 * @param checkpointId its checkpoint id; a job resumed from it numbers its checkpoints after it
 * @param timestamp when it was triggered, epoch millis
 */
public record SavepointMetadata(int version, String jobId, String jobName, long checkpointId, long timestamp,
        int maxParallelism, List<OperatorEntry> operators) {

    public static final String FILE = "_metadata.json";
    static final int VERSION = 1;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public SavepointMetadata {
        operators = List.copyOf(operators);
    }

    /**
     * One operator of the job when the savepoint was taken.
     *
     * @param chain the chain it ran in: its subtask j's snapshot is in {@code <savepoint>/<chain>-<j>/}
     * @param head whether it headed the chain (its keyed state and source position are the chain's)
     */
    public record OperatorEntry(String uid, String vertexId, int parallelism, String chain, boolean head) {}

    /** The metadata of a savepoint of {@code plan}. */
    public static SavepointMetadata of(ExecutionPlan plan, long checkpointId, long timestamp) {
        List<OperatorEntry> operators = new ArrayList<>();
        for (ChainSpec chain : plan.chains()) {
            for (String vertexId : chain.vertexIds()) {
                String uid = plan.graph().vertex(vertexId).orElseThrow().uid();
                operators.add(new OperatorEntry(uid, vertexId, chain.parallelism(), chain.id(),
                        vertexId.equals(chain.head())));
            }
        }
        return new SavepointMetadata(VERSION, plan.jobId().hex(), plan.graph().name(), checkpointId, timestamp,
                plan.graph().config().maxParallelism(), operators);
    }

    /** The snapshot directory of subtask {@code subtask} of {@code operator} in the savepoint at {@code savepoint}. */
    public Path subtaskDirectory(Path savepoint, OperatorEntry operator, int subtask) {
        return CheckpointStorage.savepointTaskDirectory(savepoint, new TaskId(new JobId(jobId), operator.chain(), subtask));
    }

    /** Writes {@value #FILE} into {@code savepoint} (atomically: a savepoint with the file is complete). */
    public void write(Path savepoint) throws IOException {
        Files.createDirectories(savepoint);
        Path temporary = savepoint.resolve(FILE + ".inprogress");
        try {
            Files.write(temporary, JSON.writeValueAsBytes(this));
        } catch (JacksonException e) {
            throw new IOException("cannot write the savepoint metadata of " + savepoint, e);
        }
        Files.move(temporary, savepoint.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads the metadata of the savepoint at {@code savepoint}.
     *
     * @throws IOException with a message for users when there is no (complete) savepoint there
     */
    public static SavepointMetadata read(Path savepoint) throws IOException {
        Path file = savepoint.resolve(FILE);
        SavepointMetadata metadata;
        try {
            metadata = JSON.readValue(Files.readAllBytes(file), SavepointMetadata.class);
        } catch (NoSuchFileException e) {
            throw new IOException("no savepoint at " + savepoint + " (" + FILE + " is missing)", e);
        } catch (JacksonException e) {
            throw new IOException("corrupt savepoint metadata " + file + ": " + e.getOriginalMessage(), e);
        }
        if (metadata.version() != VERSION) {
            throw new IOException("savepoint " + savepoint + " has format version " + metadata.version()
                    + ", this engine reads " + VERSION);
        }
        return metadata;
    }
}
