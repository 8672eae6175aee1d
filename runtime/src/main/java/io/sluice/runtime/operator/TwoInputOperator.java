package io.sluice.runtime.operator;

/**
 * An operator with two logical inputs (connect, joins). The task routes each record by the input index of the edge
 * it came on; the watermark it gets is the minimum over both inputs (each the minimum over its channels).
 */
public interface TwoInputOperator extends Operator {

    void processElement1(Object value, long timestamp) throws Exception;

    void processElement2(Object value, long timestamp) throws Exception;

    /** Records of the first input (as when chained after a single-input operator, which the planner never does). */
    @Override
    default void processElement(Object value, long timestamp) throws Exception {
        processElement1(value, timestamp);
    }
}
