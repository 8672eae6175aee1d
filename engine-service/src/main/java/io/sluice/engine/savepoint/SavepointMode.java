package io.sluice.engine.savepoint;

/** What happens to the job once its savepoint completed (Flink: savepoint, cancel-job, stop). */
public enum SavepointMode {
    /** The job runs on. */
    KEEP_RUNNING,
    /** The job is cancelled ({@code "cancel-job": true}). */
    CANCEL,
    /** Stop with savepoint: the sources emit nothing after its barrier and end their input; the job FINISHES. */
    STOP
}
