package io.sluice.runtime.operator;

import io.sluice.graph.OperatorSpec;
import io.sluice.runtime.eventtime.TimestampsAndWatermarksOperator;
import io.sluice.runtime.io.SourceReader;
import io.sluice.runtime.io.TaskIo;
import io.sluice.runtime.source.GeneratorReader;
import io.sluice.runtime.window.WindowOperators;
import java.io.PrintStream;

/**
 * Interprets {@link OperatorSpec}s: sources become {@link SourceReader}s, everything else an {@link Operator}.
 * Kafka sources and sinks come from the task's {@link TaskIo}. Every OperatorSpec kind is handled by exactly one
 * of the two methods (Java 17 has no pattern switch; a test walks the permitted subclasses instead).
 */
public final class OperatorFactory {

    private final ClassLoader userClassLoader;
    private final TaskIo io;
    private final PrintStream printOut;

    /**
     * @param io where Kafka sources and sinks come from; null where there is no Kafka (they are then refused)
     * @param printOut where print sinks write
     */
    public OperatorFactory(ClassLoader userClassLoader, TaskIo io, PrintStream printOut) {
        this.userClassLoader = userClassLoader;
        this.io = io;
        this.printOut = printOut;
    }

    public Operator create(OperatorSpec spec) {
        if (spec instanceof OperatorSpec.Map map) {
            return new MapOperator(UserFunctions.map(map.function(), userClassLoader));
        }
        if (spec instanceof OperatorSpec.Filter filter) {
            return new FilterOperator(UserFunctions.filter(filter.predicate(), userClassLoader));
        }
        if (spec instanceof OperatorSpec.FlatMap flatMap) {
            return new FlatMapOperator(UserFunctions.flatMap(flatMap.function(), flatMap.field(), userClassLoader));
        }
        if (spec instanceof OperatorSpec.Reduce reduce) {
            return new ReduceOperator(UserFunctions.reduce(reduce.function(), userClassLoader));
        }
        if (spec instanceof OperatorSpec.Aggregate aggregate) {
            return aggregate.kind() == OperatorSpec.AggregateKind.COUNT
                    ? new CountOperator(aggregate.outputField())
                    : new AggregateOperator(Aggregation.of(aggregate.kind()), aggregate.field());
        }
        if (spec instanceof OperatorSpec.Watermarks watermarks) {
            return new TimestampsAndWatermarksOperator(
                    watermarks.timestamp() == null
                            ? null
                            : UserFunctions.timestampAssigner(watermarks.timestamp(), userClassLoader),
                    watermarks.outOfOrdernessMillis(), watermarks.idlenessMillis(), watermarks.intervalMillis());
        }
        if (spec instanceof OperatorSpec.Window window) {
            Operator lateSink = window.lateOutputTopic() == null ? null : kafkaIo(spec).kafkaSink(
                    new OperatorSpec.KafkaSink(window.lateOutputTopic(), null, null, OperatorSpec.RecordFormat.JSON,
                            OperatorSpec.DeliveryGuarantee.AT_LEAST_ONCE));
            return new WindowOperators(userClassLoader).create(window, lateSink);
        }
        if (spec instanceof OperatorSpec.KafkaSink kafkaSink) {
            return kafkaIo(spec).kafkaSink(kafkaSink);
        }
        if (spec instanceof OperatorSpec.PrintSink print) {
            return new PrintSinkOperator(print.prefix(), printOut);
        }
        throw new IllegalArgumentException(spec.getClass().getSimpleName() + " is a source: use createSource");
    }

    public SourceReader createSource(OperatorSpec spec) {
        if (spec instanceof OperatorSpec.GeneratorSource generator) {
            return new GeneratorReader(generator);
        }
        if (spec instanceof OperatorSpec.KafkaSource kafkaSource) {
            return kafkaIo(spec).kafkaSource(kafkaSource);
        }
        throw new IllegalArgumentException(spec.getClass().getSimpleName() + " is not a source: use create");
    }

    private TaskIo kafkaIo(OperatorSpec spec) {
        if (io == null) {
            throw new UnsupportedOperationException(
                    spec.getClass().getSimpleName() + " needs Kafka, which is not available here");
        }
        return io;
    }
}
