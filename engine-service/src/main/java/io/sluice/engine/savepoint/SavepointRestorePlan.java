package io.sluice.engine.savepoint;

import io.sluice.engine.savepoint.SavepointMetadata.OperatorEntry;
import io.sluice.graph.JobGraph;
import io.sluice.graph.SavepointRestoreSettings;
import io.sluice.graph.VertexSpec;
import io.sluice.graph.json.JobSpecException;
import io.sluice.graph.json.SpecError;
import io.sluice.protocol.ChainSpec;
import io.sluice.protocol.ExecutionPlan;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.TaskRestore;
import io.sluice.protocol.TaskRestore.OperatorRestore;
import io.sluice.runtime.checkpoint.CheckpointStorage;
import io.sluice.runtime.checkpoint.SubtaskState;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a job submitted with a savepoint resumes (Flink's rules): every operator of the savepoint that has state is
 * matched by uid to an operator of the job, which gets that state at its own parallelism; savepoint state that no
 * operator claims refuses the submission unless {@code allowNonRestoredState} is set; operators without a match
 * start empty. Checking reads the savepoint's files: do it off the job manager's thread.
 *
 * @param savepoint the savepoint directory
 * @param checkpointId the savepoint's checkpoint id: the job's own checkpoints are numbered after it
 * @param operators by vertex id of the job: where its state lies in the savepoint
 */
public record SavepointRestorePlan(Path savepoint, long checkpointId, Map<String, OperatorRestore> operators) {

    /** The field of the spec the errors name. */
    static final String FIELD = "$.savepointPath";

    public SavepointRestorePlan {
        operators = Map.copyOf(operators);
    }

    /**
     * The plan of a job whose config names a savepoint, or empty when it names none.
     *
     * @throws JobSpecException naming {@value #FIELD} (or the max parallelism) when the savepoint cannot be read or
     *     does not fit the job
     */
    public static Optional<SavepointRestorePlan> of(JobGraph graph) {
        SavepointRestoreSettings settings = graph.config().savepointRestore();
        if (settings == null) {
            return Optional.empty();
        }
        Path savepoint = toPath(settings.path());
        SavepointMetadata metadata;
        try {
            metadata = SavepointMetadata.read(savepoint);
        } catch (IOException e) {
            throw invalid(FIELD, e.getMessage());
        }
        List<SpecError> errors = new ArrayList<>();
        Map<String, OperatorRestore> operators = new LinkedHashMap<>();
        for (OperatorEntry operator : metadata.operators()) {
            if (!hasState(metadata, savepoint, operator)) {
                continue;
            }
            Optional<VertexSpec> vertex = graph.vertices().stream()
                    .filter(v -> v.uid().equals(operator.uid()))
                    .findFirst();
            if (vertex.isEmpty()) {
                if (!settings.allowNonRestoredState()) {
                    errors.add(new SpecError(FIELD, "the savepoint has state of operator uid '" + operator.uid()
                            + "' (operator " + operator.vertexId() + "), which no operator of the job has; give an "
                            + "operator that uid, or set allowNonRestoredState to leave that state behind"));
                }
                continue;
            }
            if (metadata.maxParallelism() != graph.config().maxParallelism()) {
                errors.add(new SpecError("$.max-parallelism", "the savepoint was taken with max-parallelism "
                        + metadata.maxParallelism() + " (the number of key groups), the job has "
                        + graph.config().maxParallelism() + "; they must be equal"));
                break;
            }
            List<String> locations = new ArrayList<>();
            for (int subtask = 0; subtask < operator.parallelism(); subtask++) {
                locations.add(metadata.subtaskDirectory(savepoint, operator, subtask).toUri().toString());
            }
            operators.put(vertex.get().id(),
                    new OperatorRestore(vertex.get().id(), operator.uid(), operator.parallelism(), locations));
        }
        if (!errors.isEmpty()) {
            throw new JobSpecException(errors);
        }
        return Optional.of(new SavepointRestorePlan(savepoint, metadata.checkpointId(), operators));
    }

    /** Per task of {@code plan} that has operators with savepoint state: what it restores. */
    public List<TaskRestore> restores(ExecutionPlan plan) {
        List<TaskRestore> restores = new ArrayList<>();
        for (ChainSpec chain : plan.chains()) {
            List<OperatorRestore> chainState = chain.vertexIds().stream()
                    .map(operators::get)
                    .filter(o -> o != null)
                    .toList();
            for (int subtask = 0; !chainState.isEmpty() && subtask < chain.parallelism(); subtask++) {
                restores.add(new TaskRestore(new TaskId(plan.jobId(), chain.id(), subtask), checkpointId, null,
                        chainState));
            }
        }
        return restores;
    }

    /** A savepoint location as users give it: a path, or a {@code file:} URI as the savepoint request returns it. */
    public static Path toPath(String location) {
        try {
            return location.startsWith("file:")
                    ? Path.of(URI.create(location)).toAbsolutePath().normalize()
                    : Path.of(location).toAbsolutePath().normalize();
        } catch (IllegalArgumentException e) { // a bad URI or path
            throw invalid(FIELD, "not a savepoint path or file: URI: '" + location + "'");
        }
    }

    /** State of its own (operator state), or as the head of its chain keyed state or a source position. */
    private static boolean hasState(SavepointMetadata metadata, Path savepoint, OperatorEntry operator) {
        for (int subtask = 0; subtask < operator.parallelism(); subtask++) {
            Path directory = metadata.subtaskDirectory(savepoint, operator, subtask);
            if (Files.exists(CheckpointStorage.operatorStateFile(directory, operator.uid()))) {
                return true;
            }
            if (operator.head()) {
                SubtaskState state = readSubtask(directory);
                if (state.keyedState() != null || !state.sourcePosition().isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static SubtaskState readSubtask(Path directory) {
        try {
            return SubtaskState.read(directory.toUri().toString());
        } catch (RuntimeException e) {
            throw invalid(FIELD, "the savepoint is incomplete or corrupt: " + e.getMessage());
        }
    }

    private static JobSpecException invalid(String field, String reason) {
        return new JobSpecException(List.of(new SpecError(field, reason)));
    }
}
