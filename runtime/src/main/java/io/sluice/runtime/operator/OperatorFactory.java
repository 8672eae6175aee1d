package io.sluice.runtime.operator;

import io.sluice.api.function.CoFlatMapFunction;
import io.sluice.api.function.CoMapFunction;
import io.sluice.api.function.Collector;
import io.sluice.api.function.JoinFunction;
import io.sluice.api.function.KeyedCoProcessFunction;
import io.sluice.api.function.KeyedProcessFunction;
import io.sluice.api.function.ProcessFunction;
import io.sluice.api.function.ProcessJoinFunction;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.EdgeSpec;
import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.runtime.join.IntervalJoinOperator;
import io.sluice.runtime.process.CoMapOperator;
import io.sluice.runtime.process.KeyedCoProcessOperator;
import io.sluice.runtime.process.KeyedProcessOperator;
import io.sluice.runtime.process.ProcessOperator;
import io.sluice.runtime.source.FileReader;
import io.sluice.runtime.eventtime.TimestampsAndWatermarksOperator;
import io.sluice.runtime.io.SourceReader;
import io.sluice.runtime.io.TaskIo;
import io.sluice.runtime.source.GeneratorReader;
import io.sluice.runtime.window.WindowOperators;
import io.sluice.runtime.window.WindowPreAggregation;
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

    /** The pre-aggregator that ends the chain writing into {@code edge} (see {@link WindowPreAggregation}). */
    public Operator createPreAggregator(JobGraph graph, EdgeSpec edge) {
        OperatorSpec.Window window = (OperatorSpec.Window) graph.vertex(edge.target()).orElseThrow().operator();
        return new WindowOperators(userClassLoader).createPreAggregator(window, edge);
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
            Operator lateSink = window.lateOutputTag() != null ? new SideOutputSink(window.lateOutputTag())
                    : window.lateOutputTopic() == null ? null : kafkaIo(spec).kafkaSink(
                    new OperatorSpec.KafkaSink(window.lateOutputTopic(), null, null, OperatorSpec.RecordFormat.JSON,
                            OperatorSpec.DeliveryGuarantee.AT_LEAST_ONCE));
            return new WindowOperators(userClassLoader).create(window, lateSink);
        }
        Operator multiInput = createProcessOrMultiInput(spec);
        if (multiInput != null) {
            return multiInput;
        }
        if (spec instanceof OperatorSpec.KafkaSink kafkaSink) {
            return kafkaIo(spec).kafkaSink(kafkaSink);
        }
        if (spec instanceof OperatorSpec.PrintSink print) {
            return new PrintSinkOperator(print.prefix(), printOut);
        }
        throw new IllegalArgumentException(spec.getClass().getSimpleName() + " is a source: use createSource");
    }

    /** Process functions, union, connect and joins; null for other kinds. */
    @SuppressWarnings("unchecked")
    private Operator createProcessOrMultiInput(OperatorSpec spec) {
        if (spec instanceof OperatorSpec.Process process) {
            return new ProcessOperator(
                    UserFunctions.javaFunction(process.function(), ProcessFunction.class, userClassLoader));
        }
        if (spec instanceof OperatorSpec.KeyedProcess process) {
            return new KeyedProcessOperator(
                    UserFunctions.javaFunction(process.function(), KeyedProcessFunction.class, userClassLoader));
        }
        if (spec instanceof OperatorSpec.Union) {
            return new MapOperator(value -> value);
        }
        if (spec instanceof OperatorSpec.CoMap coMap) {
            return CoMapOperator.of(UserFunctions.javaFunction(coMap.function(), CoMapFunction.class, userClassLoader));
        }
        if (spec instanceof OperatorSpec.CoFlatMap coFlatMap) {
            return new CoMapOperator(
                    UserFunctions.javaFunction(coFlatMap.function(), CoFlatMapFunction.class, userClassLoader));
        }
        if (spec instanceof OperatorSpec.KeyedCoProcess process) {
            return new KeyedCoProcessOperator(
                    UserFunctions.javaFunction(process.function(), KeyedCoProcessFunction.class, userClassLoader));
        }
        if (spec instanceof OperatorSpec.WindowJoin join) {
            return new WindowOperators(userClassLoader).createJoin(join);
        }
        if (spec instanceof OperatorSpec.IntervalJoin join) {
            return new IntervalJoinOperator(join.lowerMillis(), join.upperMillis(), join.lowerInclusive(),
                    join.upperInclusive(), processJoin(join.function()));
        }
        return null;
    }

    /** A Java ProcessJoinFunction, or an expression/projection emitting one record per pair. */
    @SuppressWarnings("unchecked")
    private ProcessJoinFunction<Object, Object, Object> processJoin(FunctionSpec function) {
        if (function instanceof FunctionSpec.JavaFunction) {
            return UserFunctions.javaFunction(function, ProcessJoinFunction.class, userClassLoader);
        }
        JoinFunction<Object, Object, Object> join = UserFunctions.join(function, userClassLoader);
        return new ProcessJoinFunction<>() {
            @Override
            public void processElement(Object left, Object right, Context ctx, Collector<Object> out) throws Exception {
                out.collect(join.join(left, right));
            }
        };
    }

    public SourceReader createSource(OperatorSpec spec) {
        if (spec instanceof OperatorSpec.GeneratorSource generator) {
            return new GeneratorReader(generator);
        }
        if (spec instanceof OperatorSpec.FileSource file) {
            return new FileReader(file);
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
