package io.sluice.runtime.operator;

/** Emits every record it gets to a side output of the operator that owns it (late window data). */
public final class SideOutputSink extends BaseOperator {

    private final String tag;

    public SideOutputSink(String tag) {
        this.tag = tag;
    }

    @Override
    public void processElement(Object value, long timestamp) {
        output().collectSide(tag, value, timestamp);
    }
}
