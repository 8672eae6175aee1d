package io.sluice.runtime.checkpoint;

import io.sluice.runtime.state.KeyGroupRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Which snapshots of a savepoint, taken with {@code oldParallelism} subtasks, a subtask of the resumed job reads:
 * the rules of rescaling.
 *
 * <ul>
 *   <li>Keyed state moves by key groups: a new subtask reads every old subtask whose key group range overlaps its
 *       own and keeps only its own key groups, so each key's state lands on exactly one subtask.
 *   <li>Operator (non-keyed) state is dealt round robin: old subtask j's state goes to new subtask
 *       {@code j mod newParallelism}. Scaling out leaves the extra subtasks without state; scaling in gives some
 *       subtasks several states, which the operator merges (the exactly-once sink commits or keeps all their epochs).
 *   <li>Source positions go to every new subtask, each taking what it now reads: the Kafka source the offsets of
 *       its partitions (partition p is read by subtask p mod parallelism), the generator the indices not emitted
 *       yet among its own.
 * </ul>
 */
public final class StateAssignment {

    private StateAssignment() {}

    /** The old subtasks whose keyed state holds key groups of {@code range}. */
    public static List<Integer> keyedStateOf(KeyGroupRange range, int maxParallelism, int oldParallelism) {
        List<Integer> subtasks = new ArrayList<>();
        for (int old = 0; old < oldParallelism; old++) {
            KeyGroupRange oldRange = KeyGroupRange.computeRange(maxParallelism, oldParallelism, old);
            if (oldRange.first() <= range.last() && range.first() <= oldRange.last()) {
                subtasks.add(old);
            }
        }
        return subtasks;
    }

    /** The old subtasks whose operator state new subtask {@code subtask} of {@code newParallelism} gets. */
    public static List<Integer> operatorStateOf(int subtask, int newParallelism, int oldParallelism) {
        if (subtask < 0 || subtask >= newParallelism) {
            throw new IllegalArgumentException("no subtask " + subtask + " of " + newParallelism);
        }
        List<Integer> subtasks = new ArrayList<>();
        for (int old = subtask; old < oldParallelism; old += newParallelism) {
            subtasks.add(old);
        }
        return subtasks;
    }
}
