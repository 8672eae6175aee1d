package io.sluice.engine.job;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Lifecycle of a job (Flink's names). Failing and cancelling always pass through FAILING / CANCELLING, where the
 * engine waits for the job's tasks to stop, so the table stays small. The legal transitions are declared once,
 * in {@link #NEXT}; a status with no successor is terminal.
 */
public enum JobStatus {
    /** Submitted; waiting for slots, or deployed and waiting for the first task to run. */
    CREATED,
    RUNNING,
    /**
     * A failure happened and the restart strategy allows another attempt: the tasks are being cancelled, then the
     * job is deployed again from its latest completed checkpoint.
     */
    RESTARTING,
    /** A failure happened; the remaining tasks are being cancelled. */
    FAILING,
    FAILED,
    /** The user cancelled; the tasks are being cancelled. */
    CANCELLING,
    CANCELED,
    FINISHED;

    private static final Map<JobStatus, Set<JobStatus>> NEXT = new EnumMap<>(JobStatus.class);

    static {
        NEXT.put(CREATED, EnumSet.of(RUNNING, FAILING, CANCELLING));
        NEXT.put(RUNNING, EnumSet.of(RESTARTING, FAILING, CANCELLING, FINISHED));
        // A redeployed attempt that fails again before it runs stays RESTARTING (with a new attempt) or fails.
        NEXT.put(RESTARTING, EnumSet.of(RUNNING, FAILING, CANCELLING));
        NEXT.put(FAILING, EnumSet.of(FAILED));
        NEXT.put(CANCELLING, EnumSet.of(CANCELED));
        NEXT.put(FAILED, EnumSet.noneOf(JobStatus.class));
        NEXT.put(CANCELED, EnumSet.noneOf(JobStatus.class));
        NEXT.put(FINISHED, EnumSet.noneOf(JobStatus.class));
    }

    public boolean canTransitionTo(JobStatus next) {
        return NEXT.get(this).contains(next);
    }

    public boolean isTerminal() {
        return NEXT.get(this).isEmpty();
    }
}
