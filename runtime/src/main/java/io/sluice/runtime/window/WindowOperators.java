package io.sluice.runtime.window;

import io.sluice.api.function.AggregateFunction;
import io.sluice.api.function.ReduceFunction;
import io.sluice.api.windowing.DeltaFunction;
import io.sluice.api.windowing.ProcessWindowFunction;
import io.sluice.api.windowing.SessionGapExtractor;
import io.sluice.api.windowing.Window;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.window.AssignerSpec;
import io.sluice.graph.window.EvictorSpec;
import io.sluice.graph.window.TimeDomain;
import io.sluice.graph.window.TriggerSpec;
import io.sluice.graph.window.WindowFunctionSpec;
import io.sluice.runtime.expr.CompiledExpression;
import io.sluice.runtime.expr.ExpressionSandbox;
import io.sluice.runtime.operator.UserFunctions;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link WindowOperator} from its spec: one method per part (assigner, trigger, evictor, function).
 * Expressions: a delta is evaluated on the new element with {@code #old} the earlier one; a dynamic session gap on
 * the element.
 */
public final class WindowOperators {

    private static final ExpressionSandbox DELTA = ExpressionSandbox.standard().withVariables(Set.of("old"));
    private static final ExpressionSandbox PLAIN = ExpressionSandbox.standard().withVariables(Set.of());

    /** Accumulators a pre-aggregating subtask holds at most (a few MB of heap) before it flushes them all. */
    private static final int PRE_AGGREGATED_PER_SUBTASK = 100_000;

    private final ClassLoader userClassLoader;

    public WindowOperators(ClassLoader userClassLoader) {
        this.userClassLoader = userClassLoader;
    }

    /** @param lateSink receives late records (a Kafka sink for the spec's late output topic); null drops them */
    public WindowOperator create(OperatorSpec.Window spec, io.sluice.runtime.operator.Operator lateSink) {
        WindowFunctionSpec function = spec.function();
        java.util.function.Function<io.sluice.runtime.state.KeyedStateBackend, WindowContents> contents;
        WindowFunction windowFunction;
        if (function instanceof WindowFunctionSpec.Reduce reduce) {
            contents = WindowOperator.reducing(UserFunctions.reduce(reduce.reduce(), userClassLoader));
            windowFunction = process(reduce.process());
        } else if (function instanceof WindowFunctionSpec.Aggregate aggregate) {
            contents = WindowOperator.aggregating(java(aggregate.aggregate(), AggregateFunction.class));
            windowFunction = process(aggregate.process());
        } else if (function instanceof WindowFunctionSpec.BuiltIn builtIn) {
            contents = WindowOperator.aggregating(erase(new BuiltInAggregate(builtIn.kind(), builtIn.field())));
            windowFunction = new WindowRows(builtIn.kind(), builtIn.field(),
                    builtIn.keyFields().isEmpty() ? null : builtIn.keyFields().get(0));
        } else {
            contents = WindowOperator.allElements();
            windowFunction = process(((WindowFunctionSpec.Process) function).process());
        }
        if (spec.evictor() != null) {
            contents = WindowOperator.allElements();
            windowFunction = evictingFunction(function, windowFunction);
        }
        return new WindowOperator(assigner(spec.assigner()), spec.trigger() == null ? null : trigger(spec.trigger()),
                spec.evictor() == null ? null : evictor(spec.evictor()), spec.allowedLateness(), contents,
                windowFunction, lateSink);
    }

    /**
     * The upstream half of {@link WindowPreAggregation} for the window {@code spec}, keyed like {@code edge} (the
     * edge into the window).
     */
    public WindowPreAggregator createPreAggregator(OperatorSpec.Window spec, io.sluice.graph.EdgeSpec edge) {
        WindowFunctionSpec function = spec.function();
        PartialAggregation aggregation;
        if (function instanceof WindowFunctionSpec.Reduce reduce) {
            aggregation = PartialAggregation.ofReduce(UserFunctions.reduce(reduce.reduce(), userClassLoader));
        } else if (function instanceof WindowFunctionSpec.Aggregate aggregate) {
            aggregation = PartialAggregation.ofAggregate(java(aggregate.aggregate(), AggregateFunction.class));
        } else if (function instanceof WindowFunctionSpec.BuiltIn builtIn) {
            aggregation = PartialAggregation.ofAggregate(erase(new BuiltInAggregate(builtIn.kind(), builtIn.field())));
        } else {
            throw new IllegalArgumentException("a " + function.getClass().getSimpleName()
                    + " window function cannot be pre-aggregated");
        }
        return new WindowPreAggregator(assigner(spec.assigner()), UserFunctions.keySelector(edge.key(), userClassLoader),
                aggregation, PRE_AGGREGATED_PER_SUBTASK);
    }

    /** A window join: both inputs' elements in the same windows, joined pairwise when a window fires. */
    public WindowJoinOperator createJoin(OperatorSpec.WindowJoin spec) {
        return new WindowJoinOperator(assigner(spec.assigner()), spec.trigger() == null ? null : trigger(spec.trigger()),
                UserFunctions.join(spec.function(), userClassLoader));
    }

    WindowAssigner assigner(AssignerSpec spec) {
        if (spec instanceof AssignerSpec.Tumbling tumbling) {
            return new TumblingWindows(tumbling.size(), tumbling.offset(), tumbling.time() == TimeDomain.EVENT);
        }
        if (spec instanceof AssignerSpec.Sliding sliding) {
            return new SlidingWindows(sliding.size(), sliding.slide(), sliding.offset(),
                    sliding.time() == TimeDomain.EVENT);
        }
        if (spec instanceof AssignerSpec.Session session) {
            boolean eventTime = session.time() == TimeDomain.EVENT;
            return session.dynamicGap() == null
                    ? SessionWindows.withGap(session.gap(), eventTime)
                    : new SessionWindows(gap(session.dynamicGap()), eventTime);
        }
        return new GlobalWindows();
    }

    Trigger trigger(TriggerSpec spec) {
        if (spec instanceof TriggerSpec.EventTime) {
            return new EventTimeTrigger();
        } else if (spec instanceof TriggerSpec.ProcessingTime) {
            return new ProcessingTimeTrigger();
        } else if (spec instanceof TriggerSpec.Count count) {
            return new CountTrigger(count.count());
        } else if (spec instanceof TriggerSpec.Delta delta) {
            return new DeltaTrigger(delta.threshold(), delta(delta.delta()));
        } else if (spec instanceof TriggerSpec.ContinuousEventTime continuous) {
            return new ContinuousEventTimeTrigger(continuous.interval());
        } else if (spec instanceof TriggerSpec.ContinuousProcessingTime continuous) {
            return new ContinuousProcessingTimeTrigger(continuous.interval());
        }
        return new PurgingTrigger(trigger(((TriggerSpec.Purging) spec).trigger()));
    }

    Evictor evictor(EvictorSpec spec) {
        if (spec instanceof EvictorSpec.Count count) {
            return new CountEvictor(count.count(), count.after());
        } else if (spec instanceof EvictorSpec.Time time) {
            return new TimeEvictor(time.size(), time.after());
        }
        EvictorSpec.Delta delta = (EvictorSpec.Delta) spec;
        return new DeltaEvictor(delta.threshold(), delta(delta.delta()), delta.after());
    }

    /**
     * With an evictor every element is kept, so the incremental function is applied to the remaining elements at
     * firing time, then the rest of the window function.
     */
    private WindowFunction evictingFunction(WindowFunctionSpec function, WindowFunction then) {
        if (function instanceof WindowFunctionSpec.Reduce reduce) {
            ReduceFunction<Object> reducer = UserFunctions.reduce(reduce.reduce(), userClassLoader);
            return (key, window, values, firing, out) -> {
                Object acc = null;
                for (Object value : values) {
                    acc = acc == null ? value : reducer.reduce(acc, value);
                }
                then.apply(key, window, java.util.List.of(acc), firing, out);
            };
        }
        AggregateFunction<Object, Object, Object> aggregate;
        if (function instanceof WindowFunctionSpec.Aggregate spec) {
            aggregate = java(spec.aggregate(), AggregateFunction.class);
        } else if (function instanceof WindowFunctionSpec.BuiltIn builtIn) {
            aggregate = erase(new BuiltInAggregate(builtIn.kind(), builtIn.field()));
        } else {
            return then;
        }
        return (key, window, values, firing, out) -> {
            Object acc = aggregate.createAccumulator();
            for (Object value : values) {
                acc = aggregate.add(value, acc);
            }
            then.apply(key, window, java.util.Collections.singletonList(aggregate.getResult(acc)), firing, out);
        };
    }

    @SuppressWarnings("unchecked")
    private WindowFunction process(FunctionSpec process) {
        return process == null
                ? WindowFunction.passThrough()
                : new ProcessWindowFunctionAdapter(java(process, ProcessWindowFunction.class));
    }

    @SuppressWarnings("unchecked")
    private DeltaFunction<Object> delta(FunctionSpec spec) {
        if (spec instanceof FunctionSpec.JavaFunction) {
            return java(spec, DeltaFunction.class);
        }
        CompiledExpression expression = DELTA.compile(((FunctionSpec.Expression) spec).source());
        return (oldElement, newElement) -> number(expression.evaluate(newElement, Map.of("old", oldElement)),
                expression).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private SessionGapExtractor<Object> gap(FunctionSpec spec) {
        if (spec instanceof FunctionSpec.JavaFunction) {
            return java(spec, SessionGapExtractor.class);
        }
        CompiledExpression expression = PLAIN.compile(((FunctionSpec.Expression) spec).source());
        return element -> number(expression.evaluate(element), expression).longValue();
    }

    private static Number number(Object value, CompiledExpression expression) {
        if (value instanceof Number number) {
            return number;
        }
        throw new IllegalArgumentException("expression '" + expression + "' gave " + value + ", not a number");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T> T java(FunctionSpec spec, Class type) {
        Object function = UserFunctions.deserialize((FunctionSpec.JavaFunction) spec, userClassLoader);
        if (!type.isInstance(function)) {
            throw new IllegalArgumentException("expected a " + type.getSimpleName() + ", got " + function.getClass());
        }
        return (T) function;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static AggregateFunction<Object, Object, Object> erase(AggregateFunction function) {
        return function;
    }
}
