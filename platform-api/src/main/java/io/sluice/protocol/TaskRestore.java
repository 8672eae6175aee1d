package io.sluice.protocol;

import java.util.List;

/**
 * A task resumes from a snapshot: after a failover from its own snapshot of a completed checkpoint
 * ({@code location}), or, in a job submitted from a savepoint, from the savepoint's snapshots of the operators with
 * the same uid as its own ({@code operators}), taken at any parallelism.
 *
 * @param location where the task's snapshot lives, as the task acknowledged it ({@link TaskSnapshot#location()});
 *     null for a restore from a savepoint
 * @param operators for a restore from a savepoint: per operator of the task's chain that has state in it, where
 *     that state lives; empty after a failover
 */
public record TaskRestore(TaskId task, long checkpointId, String location, List<OperatorRestore> operators) {

    public TaskRestore {
        operators = operators == null ? List.of() : List.copyOf(operators);
        if ((location == null) == operators.isEmpty()) {
            throw new IllegalArgumentException("a restore of " + task
                    + " names either its own snapshot or the savepoint state of its operators");
        }
    }

    /** After a failover: the task's own snapshot. */
    public TaskRestore(TaskId task, long checkpointId, String location) {
        this(task, checkpointId, location, List.of());
    }

    /** A restore from a savepoint, whose operators' snapshots may have another parallelism. */
    public boolean fromSavepoint() {
        return location == null;
    }

    /**
     * The savepoint state of one operator of the restoring task.
     *
     * @param vertexId the operator in the restoring job
     * @param uid the uid that matched it to the savepoint's operator
     * @param parallelism the parallelism the operator had when the savepoint was taken
     * @param subtaskLocations the snapshot directories of the savepoint's subtasks of that operator, by subtask
     *     index (each directory also holds the state of the operators chained with it)
     */
    public record OperatorRestore(String vertexId, String uid, int parallelism, List<String> subtaskLocations) {
        public OperatorRestore {
            subtaskLocations = List.copyOf(subtaskLocations);
            if (subtaskLocations.size() != parallelism) {
                throw new IllegalArgumentException("operator " + uid + " had " + parallelism + " subtasks, but "
                        + subtaskLocations.size() + " snapshot locations are given");
            }
        }
    }
}
