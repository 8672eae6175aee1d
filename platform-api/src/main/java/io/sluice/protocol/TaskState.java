package io.sluice.protocol;

/** Lifecycle of a task on a worker. */
public enum TaskState {
    DEPLOYING,
    RUNNING,
    FINISHED,
    CANCELED,
    FAILED;

    public boolean isTerminal() {
        return this == FINISHED || this == CANCELED || this == FAILED;
    }
}
