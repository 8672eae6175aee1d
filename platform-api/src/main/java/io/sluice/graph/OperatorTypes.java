package io.sluice.graph;

import java.util.Locale;

/** The user-facing type name of an operator: the {@code type} of the JSON spec ("map", "count", "kafka-sink"). */
public final class OperatorTypes {

    private OperatorTypes() {}

    public static String typeName(OperatorSpec operator) {
        if (operator instanceof OperatorSpec.GeneratorSource) {
            return "generator";
        } else if (operator instanceof OperatorSpec.KafkaSource) {
            return "kafka-source";
        } else if (operator instanceof OperatorSpec.Map) {
            return "map";
        } else if (operator instanceof OperatorSpec.Filter) {
            return "filter";
        } else if (operator instanceof OperatorSpec.FlatMap) {
            return "flat-map";
        } else if (operator instanceof OperatorSpec.Reduce) {
            return "reduce";
        } else if (operator instanceof OperatorSpec.Aggregate aggregate) {
            return jsonName(aggregate.kind());
        } else if (operator instanceof OperatorSpec.Watermarks) {
            return "watermarks";
        } else if (operator instanceof OperatorSpec.Window) {
            return "window";
        } else if (operator instanceof OperatorSpec.FileSource) {
            return "file-source";
        } else if (operator instanceof OperatorSpec.Process) {
            return "process";
        } else if (operator instanceof OperatorSpec.KeyedProcess) {
            return "keyed-process";
        } else if (operator instanceof OperatorSpec.Union) {
            return "union";
        } else if (operator instanceof OperatorSpec.CoMap) {
            return "co-map";
        } else if (operator instanceof OperatorSpec.CoFlatMap) {
            return "co-flat-map";
        } else if (operator instanceof OperatorSpec.KeyedCoProcess) {
            return "keyed-co-process";
        } else if (operator instanceof OperatorSpec.WindowJoin) {
            return "window-join";
        } else if (operator instanceof OperatorSpec.IntervalJoin) {
            return "interval-join";
        } else if (operator instanceof OperatorSpec.KafkaSink) {
            return "kafka-sink";
        } else if (operator instanceof OperatorSpec.PrintSink) {
            return "print";
        }
        throw new IllegalArgumentException("unknown operator " + operator);
    }

    /** The JSON spelling of an enum constant: {@code TEXT_LINES} → {@code text-lines}. */
    public static String jsonName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
