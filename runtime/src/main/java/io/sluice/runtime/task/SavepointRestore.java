package io.sluice.runtime.task;

import io.sluice.graph.JobGraph;
import io.sluice.protocol.ChainSpec;
import io.sluice.protocol.TaskRestore.OperatorRestore;
import io.sluice.runtime.checkpoint.StateAssignment;
import io.sluice.runtime.checkpoint.SubtaskState;
import io.sluice.runtime.state.KeyGroupRange;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.state.KeyedStateSnapshot;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Resumes one subtask of a chain from a savepoint taken at any parallelism, following {@link StateAssignment}:
 * the head's keyed state by key groups, a source head's position from every subtask of the savepoint, and each
 * operator's own state round robin. Input channels start at their beginning (they are the new job's).
 */
final class SavepointRestore {

    private final JobGraph graph;
    private final ChainSpec chain;
    private final int subtask;
    private final List<OperatorRestore> operators;

    SavepointRestore(JobGraph graph, ChainSpec chain, int subtask, List<OperatorRestore> operators) {
        this.graph = graph;
        this.chain = chain;
        this.subtask = subtask;
        this.operators = operators;
    }

    void restore(KeyedStateBackend keyedState, OperatorChain operatorChain) throws Exception {
        int maxParallelism = graph.config().maxParallelism();
        for (OperatorRestore operator : operators) {
            boolean head = operator.vertexId().equals(chain.head());
            if (head && keyedState != null) {
                KeyGroupRange range = KeyGroupRange.computeRange(maxParallelism, chain.parallelism(), subtask);
                List<KeyedStateSnapshot> snapshots = new ArrayList<>();
                for (int old : StateAssignment.keyedStateOf(range, maxParallelism, operator.parallelism())) {
                    KeyedStateSnapshot snapshot = read(operator, old).keyedState();
                    if (snapshot != null) {
                        snapshots.add(snapshot);
                    }
                }
                keyedState.restore(snapshots, range);
            }
            if (head && operatorChain.isSource()) {
                List<Map<String, Long>> positions = new ArrayList<>();
                for (int old = 0; old < operator.parallelism(); old++) {
                    positions.add(read(operator, old).sourcePosition());
                }
                operatorChain.seekSourceRescaled(positions);
            }
            List<Path> directories = StateAssignment.operatorStateOf(subtask, chain.parallelism(),
                    operator.parallelism()).stream().map(old -> directory(operator, old)).toList();
            operatorChain.restoreOperatorRescaled(operator.vertexId(), operator.uid(), directories);
        }
    }

    private static SubtaskState read(OperatorRestore operator, int oldSubtask) {
        return SubtaskState.read(operator.subtaskLocations().get(oldSubtask));
    }

    private static Path directory(OperatorRestore operator, int oldSubtask) {
        return Path.of(URI.create(Objects.requireNonNull(operator.subtaskLocations().get(oldSubtask))));
    }
}
