package io.sluice.runtime.operator;

import io.sluice.api.function.FilterFunction;

/** Passes on the records the predicate accepts. */
public final class FilterOperator extends BaseOperator {

    private final FilterFunction<Object> predicate;

    public FilterOperator(FilterFunction<Object> predicate) {
        this.predicate = predicate;
    }

    @Override
    public void processElement(Object value, long timestamp) throws Exception {
        if (predicate.filter(value)) {
            output().collect(value, timestamp);
        }
    }
}
