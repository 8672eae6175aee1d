package io.sluice.engine.savepoint;

/**
 * Where a savepoint request stands, as {@code GET /jobs/{jobid}/savepoints/{requestid}} shows it.
 *
 * @param location the savepoint directory as a {@code file:} URI, once COMPLETED
 * @param failureCause why it failed, once FAILED
 */
public record SavepointStatus(String requestId, State state, String location, String failureCause) {

    public enum State {
        IN_PROGRESS,
        COMPLETED,
        FAILED
    }

    static SavepointStatus inProgress(String requestId) {
        return new SavepointStatus(requestId, State.IN_PROGRESS, null, null);
    }

    SavepointStatus completed(String savepointLocation) {
        return new SavepointStatus(requestId, State.COMPLETED, savepointLocation, null);
    }

    SavepointStatus failed(String cause) {
        return new SavepointStatus(requestId, State.FAILED, null, cause);
    }
}
