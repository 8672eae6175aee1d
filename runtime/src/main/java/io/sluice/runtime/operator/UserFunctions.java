package io.sluice.runtime.operator;

import io.sluice.api.eventtime.TimestampAssigner;
import io.sluice.api.function.FilterFunction;
import io.sluice.api.function.FlatMapFunction;
import io.sluice.api.function.JoinFunction;
import io.sluice.api.function.KeySelector;
import io.sluice.api.function.MapFunction;
import io.sluice.api.function.ReduceFunction;
import io.sluice.graph.FunctionSpec;
import io.sluice.runtime.expr.CompiledExpression;
import io.sluice.runtime.expr.ExpressionSandbox;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.lang.reflect.Array;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link FunctionSpec} into the API function it stands for: Java functions are deserialized with the job's
 * class loader; expressions and projections are compiled in the {@link ExpressionSandbox} (a reduce binds
 * {@code #acc}, nothing else binds variables).
 */
public final class UserFunctions {

    private static final String ACCUMULATOR = "acc";
    private static final ExpressionSandbox PLAIN = ExpressionSandbox.standard().withVariables(Set.of());
    private static final ExpressionSandbox REDUCING = ExpressionSandbox.standard().withVariables(Set.of(ACCUMULATOR));
    private static final String LEFT = "left";
    private static final String RIGHT = "right";
    private static final ExpressionSandbox JOINING = ExpressionSandbox.standard().withVariables(Set.of(LEFT, RIGHT));

    private UserFunctions() {}

    /** A Java function object of the expected type (a ProcessFunction, a CoMapFunction, ...). */
    public static <T> T javaFunction(FunctionSpec spec, Class<T> type, ClassLoader userClassLoader) {
        if (spec instanceof FunctionSpec.JavaFunction java) {
            return java(java, type, userClassLoader);
        }
        throw new IllegalArgumentException("a " + type.getSimpleName() + " must be a Java function, not " + spec);
    }

    /** A Java function object from its serialized form, resolving classes with {@code userClassLoader}. */
    public static Object deserialize(FunctionSpec.JavaFunction function, ClassLoader userClassLoader) {
        try (ObjectInputStream in = new UserObjectInputStream(new ByteArrayInputStream(function.serialized()), userClassLoader)) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("cannot load Java function: " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static MapFunction<Object, Object> map(FunctionSpec spec, ClassLoader userClassLoader) {
        if (spec instanceof FunctionSpec.JavaFunction java) {
            return java(java, MapFunction.class, userClassLoader);
        }
        if (spec instanceof FunctionSpec.Projection projection) {
            Map<String, CompiledExpression> fields = compile(PLAIN, projection);
            return value -> project(fields, value, Map.of());
        }
        CompiledExpression expression = PLAIN.compile(((FunctionSpec.Expression) spec).source());
        return expression::evaluate;
    }

    @SuppressWarnings("unchecked")
    public static FilterFunction<Object> filter(FunctionSpec spec, ClassLoader userClassLoader) {
        if (spec instanceof FunctionSpec.JavaFunction java) {
            return java(java, FilterFunction.class, userClassLoader);
        }
        CompiledExpression condition = PLAIN.compile(expressionSource(spec, "a filter condition"));
        return value -> {
            Object result = condition.evaluate(value);
            if (result == null || result instanceof Boolean) {
                return Boolean.TRUE.equals(result);
            }
            throw new IllegalArgumentException(
                    "filter condition '" + condition + "' gave " + result.getClass().getSimpleName() + ", not a boolean");
        };
    }

    /**
     * A flat map. Expressions yield a collection or array (a single value counts as one element, null as none);
     * each element that is not a row becomes {@code {field: element}}, or stays bare when {@code field} is null.
     */
    @SuppressWarnings("unchecked")
    public static FlatMapFunction<Object, Object> flatMap(FunctionSpec spec, String field, ClassLoader userClassLoader) {
        if (spec instanceof FunctionSpec.JavaFunction java) {
            return java(java, FlatMapFunction.class, userClassLoader);
        }
        CompiledExpression expression = PLAIN.compile(expressionSource(spec, "a flat-map expression"));
        return (value, out) -> {
            Object result = expression.evaluate(value);
            if (result instanceof Iterable<?> elements) {
                elements.forEach(element -> out.collect(asRecord(element, field)));
            } else if (result != null && result.getClass().isArray()) {
                for (int i = 0; i < Array.getLength(result); i++) {
                    out.collect(asRecord(Array.get(result, i), field));
                }
            } else if (result != null) {
                out.collect(asRecord(result, field));
            }
        };
    }

    /** A reduce: expressions see the new record as root and the accumulator as {@code #acc}. */
    @SuppressWarnings("unchecked")
    public static ReduceFunction<Object> reduce(FunctionSpec spec, ClassLoader userClassLoader) {
        if (spec instanceof FunctionSpec.JavaFunction java) {
            return java(java, ReduceFunction.class, userClassLoader);
        }
        if (spec instanceof FunctionSpec.Projection projection) {
            Map<String, CompiledExpression> fields = compile(REDUCING, projection);
            return (acc, value) -> project(fields, value, Map.of(ACCUMULATOR, acc));
        }
        CompiledExpression expression = REDUCING.compile(((FunctionSpec.Expression) spec).source());
        return (acc, value) -> expression.evaluate(value, Map.of(ACCUMULATOR, acc));
    }

    /**
     * A timestamp assigner: a Java TimestampAssigner, or an expression over the record giving epoch millis (a
     * number; a field name is an expression too).
     */
    @SuppressWarnings("unchecked")
    public static TimestampAssigner<Object> timestampAssigner(FunctionSpec spec, ClassLoader userClassLoader) {
        if (spec instanceof FunctionSpec.JavaFunction java) {
            return java(java, TimestampAssigner.class, userClassLoader);
        }
        CompiledExpression expression = PLAIN.compile(expressionSource(spec, "a timestamp"));
        return (value, recordTimestamp) -> {
            Object result = expression.evaluate(value);
            if (result instanceof Number number) {
                return number.longValue();
            }
            throw new IllegalArgumentException("timestamp '" + expression + "' gave "
                    + (result == null ? "null" : result.getClass().getSimpleName()) + ", not a number");
        };
    }

    /** A key selector: an expression's value, a projection's row, or a Java KeySelector. */
    @SuppressWarnings("unchecked")
    public static KeySelector<Object, Object> keySelector(FunctionSpec spec, ClassLoader userClassLoader) {
        if (spec instanceof FunctionSpec.JavaFunction java) {
            return java(java, KeySelector.class, userClassLoader);
        }
        if (spec instanceof FunctionSpec.Projection projection) {
            Map<String, CompiledExpression> fields = compile(PLAIN, projection);
            return value -> project(fields, value, Map.of());
        }
        CompiledExpression expression = PLAIN.compile(((FunctionSpec.Expression) spec).source());
        return expression::evaluate;
    }

    /**
     * A join of two records: a Java JoinFunction, or an expression/projection evaluated on {@code {left, right}}
     * with {@code #left} and {@code #right} bound (so {@code left.name} and {@code #left.name} both work).
     */
    @SuppressWarnings("unchecked")
    public static JoinFunction<Object, Object, Object> join(FunctionSpec spec, ClassLoader userClassLoader) {
        if (spec instanceof FunctionSpec.JavaFunction java) {
            return java(java, JoinFunction.class, userClassLoader);
        }
        if (spec instanceof FunctionSpec.Projection projection) {
            Map<String, CompiledExpression> fields = compile(JOINING, projection);
            return (left, right) -> project(fields, joinRoot(left, right), joinVariables(left, right));
        }
        CompiledExpression expression = JOINING.compile(((FunctionSpec.Expression) spec).source());
        return (left, right) -> expression.evaluate(joinRoot(left, right), joinVariables(left, right));
    }

    private static Map<String, Object> joinRoot(Object left, Object right) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put(LEFT, left);
        root.put(RIGHT, right);
        return root;
    }

    private static Map<String, Object> joinVariables(Object left, Object right) {
        Map<String, Object> variables = new java.util.HashMap<>();
        variables.put(LEFT, left);
        variables.put(RIGHT, right);
        return variables;
    }

    private static <T> T java(FunctionSpec.JavaFunction spec, Class<T> type, ClassLoader userClassLoader) {
        Object function = deserialize(spec, userClassLoader);
        if (!type.isInstance(function)) {
            throw new IllegalArgumentException(
                    "expected a " + type.getSimpleName() + " but the job holds a " + function.getClass().getName());
        }
        return type.cast(function);
    }

    private static String expressionSource(FunctionSpec spec, String what) {
        if (spec instanceof FunctionSpec.Expression expression) {
            return expression.source();
        }
        throw new IllegalArgumentException(what + " must be an expression or a Java function, not " + spec);
    }

    private static Map<String, CompiledExpression> compile(ExpressionSandbox sandbox, FunctionSpec.Projection projection) {
        Map<String, CompiledExpression> fields = new LinkedHashMap<>();
        projection.fields().forEach((field, source) -> fields.put(field, sandbox.compile(source)));
        return fields;
    }

    private static Map<String, Object> project(
            Map<String, CompiledExpression> fields, Object value, Map<String, Object> variables) {
        Map<String, Object> row = new LinkedHashMap<>();
        fields.forEach((field, expression) -> row.put(field, expression.evaluate(value, variables)));
        return row;
    }

    private static Object asRecord(Object element, String field) {
        if (element instanceof Map<?, ?> || field == null) {
            return element;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(field, element);
        return row;
    }

    /** Resolves the classes of a serialized function with the job's class loader. */
    private static final class UserObjectInputStream extends ObjectInputStream {
        private final ClassLoader classLoader;

        UserObjectInputStream(InputStream in, ClassLoader classLoader) throws IOException {
            super(in);
            this.classLoader = classLoader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass descriptor) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(descriptor.getName(), false, classLoader);
            } catch (ClassNotFoundException notInJob) {
                return super.resolveClass(descriptor);
            }
        }
    }
}
