package io.sluice.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.JavaFunctions;
import io.sluice.api.function.CoFlatMapFunction;
import io.sluice.api.function.CoMapFunction;
import io.sluice.api.function.Collector;
import io.sluice.api.function.KeyedCoProcessFunction;
import io.sluice.api.function.KeyedProcessFunction;
import io.sluice.api.function.ProcessFunction;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.OperatorSpec.AggregateKind;
import io.sluice.runtime.source.GeneratorReader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorFactoryTest {

    private final OperatorFactory factory = new OperatorFactory(getClass().getClassLoader(), null, System.out);
    private static final FunctionSpec identity = new FunctionSpec.Expression("#root");

    /** One example of every OperatorSpec kind: the test fails when a new kind is added without one. */
    private static List<OperatorSpec> everyKind() {
        return List.of(
                new OperatorSpec.GeneratorSource(OperatorSpec.GeneratorKind.SEQUENCE, 10, 0, 0, null),
                new OperatorSpec.KafkaSource("in", null, OperatorSpec.StartFrom.EARLIEST, false, OperatorSpec.RecordFormat.JSON),
                new OperatorSpec.Map(identity),
                new OperatorSpec.Filter(new FunctionSpec.Expression("true")),
                new OperatorSpec.FlatMap(identity, "value"),
                new OperatorSpec.Reduce(identity),
                new OperatorSpec.Aggregate(AggregateKind.SUM, "n", null),
                new OperatorSpec.Watermarks(new FunctionSpec.Expression("ts"), 0, 0, 200),
                new OperatorSpec.Window(new io.sluice.graph.window.AssignerSpec.Tumbling(10, 0,
                        io.sluice.graph.window.TimeDomain.EVENT), null, null, 0,
                        new io.sluice.graph.window.WindowFunctionSpec.BuiltIn(
                                io.sluice.graph.window.WindowFunctionSpec.BuiltInKind.COUNT, null, java.util.List.of()), null),
                new OperatorSpec.KafkaSink("out", null, null, OperatorSpec.RecordFormat.JSON,
                        OperatorSpec.DeliveryGuarantee.AT_LEAST_ONCE),
                new OperatorSpec.PrintSink(null),
                new OperatorSpec.FileSource("in.csv", OperatorSpec.FileFormat.CSV, List.of("a", "b")),
                new OperatorSpec.Process(JavaFunctions.serialize(new ProcessFunction<Object, Object>() {
                    @Override
                    public void processElement(Object value, Context ctx, Collector<Object> out) {}
                })),
                new OperatorSpec.KeyedProcess(JavaFunctions.serialize(new KeyedProcessFunction<Object, Object, Object>() {
                    @Override
                    public void processElement(Object value, Context<Object> ctx, Collector<Object> out) {}
                })),
                new OperatorSpec.Union(),
                new OperatorSpec.CoMap(JavaFunctions.serialize(new CoMapFunction<Object, Object, Object>() {
                    @Override
                    public Object map1(Object value) {
                        return value;
                    }

                    @Override
                    public Object map2(Object value) {
                        return value;
                    }
                })),
                new OperatorSpec.CoFlatMap(JavaFunctions.serialize(new CoFlatMapFunction<Object, Object, Object>() {
                    @Override
                    public void flatMap1(Object value, Collector<Object> out) {}

                    @Override
                    public void flatMap2(Object value, Collector<Object> out) {}
                })),
                new OperatorSpec.KeyedCoProcess(JavaFunctions.serialize(
                        new KeyedCoProcessFunction<Object, Object, Object, Object>() {
                            @Override
                            public void processElement1(Object value, KeyedProcessFunction.Context<Object> ctx,
                                    Collector<Object> out) {}

                            @Override
                            public void processElement2(Object value, KeyedProcessFunction.Context<Object> ctx,
                                    Collector<Object> out) {}
                        })),
                new OperatorSpec.WindowJoin(new io.sluice.graph.window.AssignerSpec.Tumbling(10, 0,
                        io.sluice.graph.window.TimeDomain.EVENT), null, new FunctionSpec.Expression("#left")),
                new OperatorSpec.IntervalJoin(-5, 5, true, true, new FunctionSpec.Expression("#right")));
    }

    @Test
    void coversEveryOperatorKind() {
        assertThat(everyKind()).extracting(Object::getClass)
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(OperatorSpec.class.getPermittedSubclasses()));
    }

    @Test
    void buildsEveryKindAsOperatorOrSource() {
        for (OperatorSpec spec : everyKind()) {
            if (spec instanceof OperatorSpec.KafkaSource || spec instanceof OperatorSpec.KafkaSink) {
                assertThatThrownBy(() -> build(spec))
                        .isInstanceOf(UnsupportedOperationException.class)
                        .hasMessageContaining("needs Kafka");
            } else {
                assertThat(build(spec)).as(spec.toString()).isNotNull();
            }
        }
    }

    @Test
    void buildsTheOperatorEachKindStandsFor() {
        assertThat(build(everyKind().get(0))).isInstanceOf(GeneratorReader.class);
        assertThat(factory.create(new OperatorSpec.Aggregate(AggregateKind.COUNT, null, "count"))).isInstanceOf(CountOperator.class);
        assertThat(factory.create(new OperatorSpec.Aggregate(AggregateKind.MAX_BY, "n", null))).isInstanceOf(AggregateOperator.class);
    }

    @Test
    void rejectsExpressionsThatAreNotAllowed() {
        assertThatThrownBy(() -> factory.create(new OperatorSpec.Map(new FunctionSpec.Expression("T(java.lang.System).exit(1)"))))
                .hasMessageContaining("type references");
        assertThatThrownBy(() -> factory.create(new OperatorSpec.Map(new FunctionSpec.Expression("#acc"))))
                .hasMessageContaining("unknown variable #acc");
    }

    private Object build(OperatorSpec spec) {
        return spec.isSource() ? factory.createSource(spec) : factory.create(spec);
    }
}
