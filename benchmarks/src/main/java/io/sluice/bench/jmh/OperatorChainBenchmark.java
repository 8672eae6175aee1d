package io.sluice.bench.jmh;

import io.sluice.api.function.FilterFunction;
import io.sluice.api.function.MapFunction;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.JobConfig;
import io.sluice.graph.OperatorSpec;
import io.sluice.runtime.operator.ChainingOutput;
import io.sluice.runtime.operator.Operator;
import io.sluice.runtime.operator.OperatorFactory;
import io.sluice.runtime.operator.Output;
import io.sluice.runtime.operator.SubtaskContext;
import io.sluice.runtime.testing.JavaFunctions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One record through a chain of three operators, map → filter → map, built by {@link OperatorFactory} from the
 * specs a job carries, and wired like the task's operator chain (each operator emits straight into the next).
 * The same logic twice: SpEL projections over rows (JSON jobs) and Java functions over Java records (Java jobs).
 * Every input passes the filter, so one op is one record through all three operators.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class OperatorChainBenchmark {

    private static final int INPUTS = 1024;

    /** The Java job's intermediate and output types. */
    public record Priced(String symbol, double notional, String venue) {}

    public record Keyed(String key, double notional) {}

    /** {@code expressions}: rows and SpEL projections; {@code java}: Java records and serialized lambdas. */
    @Param({"expressions", "java"})
    public String functions;

    private Object[] inputs;
    private Operator head;
    private int next;

    @Setup
    public void setUp(Blackhole blackhole) throws Exception {
        List<OperatorSpec> specs = switch (functions) {
            case "expressions" -> expressionChain();
            case "java" -> javaChain();
            default -> throw new IllegalArgumentException("unknown functions " + functions);
        };
        inputs = new Object[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            Trade trade = Trade.sample(i);
            inputs[i] = functions.equals("java") ? trade : trade.toRow();
        }
        checkOutput(specs);
        head = open(specs, new Output() {
            @Override
            public void collect(Object record, long timestamp) {
                blackhole.consume(record);
            }

            @Override
            public void emitWatermark(long watermark) {
                blackhole.consume(watermark);
            }
        });
    }

    @Benchmark
    public void recordThroughChain() throws Exception {
        head.processElement(inputs[next], 1_700_000_000_000L);
        next = (next + 1) & (INPUTS - 1);
    }

    private static List<OperatorSpec> expressionChain() {
        return List.of(
                new OperatorSpec.Map(new FunctionSpec.Projection(ordered(
                        "symbol", "#upper(symbol)", "notional", "quantity * price", "venue", "venue"))),
                new OperatorSpec.Filter(new FunctionSpec.Expression("notional > 0")),
                new OperatorSpec.Map(new FunctionSpec.Projection(ordered(
                        "key", "#concat(venue, ':', symbol)", "notional", "notional"))));
    }

    private static List<OperatorSpec> javaChain() {
        MapFunction<Trade, Priced> price = trade -> new Priced(
                trade.symbol().toUpperCase(Locale.ROOT), trade.quantity() * trade.price(), trade.venue());
        FilterFunction<Priced> positive = priced -> priced.notional() > 0;
        MapFunction<Priced, Keyed> key = priced -> new Keyed(priced.venue() + ":" + priced.symbol(), priced.notional());
        return List.of(
                new OperatorSpec.Map(JavaFunctions.of(price)),
                new OperatorSpec.Filter(JavaFunctions.of(positive)),
                new OperatorSpec.Map(JavaFunctions.of(key)));
    }

    /** The first input's output, against the same logic written out in plain Java: both chains do the same work. */
    private void checkOutput(List<OperatorSpec> specs) throws Exception {
        List<Object> out = new ArrayList<>();
        Operator checked = open(specs, new Output() {
            @Override
            public void collect(Object record, long timestamp) {
                out.add(record);
            }

            @Override
            public void emitWatermark(long watermark) {}
        });
        checked.processElement(inputs[1], 0L);
        Trade trade = Trade.sample(1);
        String key = trade.venue() + ":" + trade.symbol().toUpperCase(Locale.ROOT);
        double notional = trade.quantity() * trade.price();
        Object expected = functions.equals("java")
                ? new Keyed(key, notional)
                : new LinkedHashMap<>(Map.of("key", key, "notional", notional));
        if (!List.of(expected).equals(out)) {
            throw new IllegalStateException(functions + " chain gave " + out + ", expected " + expected);
        }
    }

    /** Creates and opens the operators tail first (as the task does), each emitting into the next; returns the head. */
    private static Operator open(List<OperatorSpec> specs, Output tail) throws Exception {
        ClassLoader classLoader = OperatorChainBenchmark.class.getClassLoader();
        OperatorFactory factory = new OperatorFactory(classLoader, null, System.out);
        Output output = tail;
        Operator operator = null;
        for (int i = specs.size() - 1; i >= 0; i--) {
            operator = factory.create(specs.get(i));
            operator.open(new SubtaskContext("operator-" + i, 0, 1, JobConfig.DEFAULT_MAX_PARALLELISM, classLoader,
                    null, Clock.systemUTC()), output);
            output = new ChainingOutput(operator);
        }
        return operator;
    }

    private static Map<String, String> ordered(String... fieldsAndExpressions) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndExpressions.length; i += 2) {
            fields.put(fieldsAndExpressions[i], fieldsAndExpressions[i + 1]);
        }
        return fields;
    }

}
