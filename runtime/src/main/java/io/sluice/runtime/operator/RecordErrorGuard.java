package io.sluice.runtime.operator;

/**
 * Wraps an operator of a job whose error policy skips or dead-letters: a record the operator fails on because of
 * its content goes to {@link RecordErrors}, and the chain goes on with the next record. Any other exception passes.
 * Each operator of a chain has its own guard, so the innermost failing operator is the one named.
 */
public final class RecordErrorGuard implements Operator {

    private final Operator operator;
    private final RecordErrors errors;
    private String operatorId;

    private RecordErrorGuard(Operator operator, RecordErrors errors) {
        this.operator = operator;
        this.errors = errors;
    }

    /** Guards {@code operator} unless the policy fails on errors anyway. */
    public static Operator guard(Operator operator, RecordErrors errors) {
        return errors.policy().mode() == io.sluice.graph.ErrorPolicy.Mode.FAIL
                ? operator
                : new RecordErrorGuard(operator, errors);
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        operatorId = context.operatorId();
        operator.open(context, output);
    }

    @Override
    public void processElement(Object value, long timestamp) throws Exception {
        try {
            operator.processElement(value, timestamp);
        } catch (RuntimeException e) {
            if (!RecordErrors.isRecordError(e)) {
                throw e;
            }
            errors.onOperatorError(operatorId, value, e);
        }
    }

    @Override
    public void processWatermark(long watermark) throws Exception {
        operator.processWatermark(watermark);
    }

    @Override
    public void onProcessingTime(long now) throws Exception {
        operator.onProcessingTime(now);
    }

    @Override
    public byte[] snapshotState(long checkpointId) throws Exception {
        return operator.snapshotState(checkpointId);
    }

    @Override
    public void restoreState(byte[] state) throws Exception {
        operator.restoreState(state);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        operator.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        operator.finish();
    }

    @Override
    public void close() throws Exception {
        operator.close();
    }
}
