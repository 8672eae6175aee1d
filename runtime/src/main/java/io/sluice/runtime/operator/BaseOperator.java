package io.sluice.runtime.operator;

/** An operator that emits to one {@link Output} and forwards watermarks unchanged. */
public abstract class BaseOperator implements Operator {

    private OperatorContext context;
    private Output output;

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        this.context = context;
        this.output = output;
    }

    @Override
    public void processWatermark(long watermark) throws Exception {
        output.emitWatermark(watermark);
    }

    protected final OperatorContext context() {
        return context;
    }

    protected final Output output() {
        return output;
    }
}
