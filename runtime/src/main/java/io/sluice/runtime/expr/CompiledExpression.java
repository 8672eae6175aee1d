package io.sluice.runtime.expr;

import java.lang.reflect.Method;
import java.util.Map;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.support.DataBindingPropertyAccessor;
import org.springframework.expression.spel.support.MapAccessor;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

/** A checked expression, ready to evaluate against records. Thread-safe: each evaluation gets its own context. */
public final class CompiledExpression {

    private static final MapAccessor MAP_KEYS = new MapAccessor(false);
    private static final DataBindingPropertyAccessor OBJECT_PROPERTIES = DataBindingPropertyAccessor.forReadOnlyAccess();

    private final SpelExpression expression;
    private final Map<String, Method> functions;

    /** @param functions the allow-listed functions the expression calls */
    CompiledExpression(SpelExpression expression, Map<String, Method> functions) {
        this.expression = expression;
        this.functions = Map.copyOf(functions);
    }

    public String source() {
        return expression.getExpressionString();
    }

    /**
     * Evaluates against {@code root} (a row or Java object), with {@code variables} bound as {@code #name}.
     *
     * @throws ExpressionException when evaluation fails (unknown property, bad operand types, division by zero,
     *     limits reached)
     */
    public Object evaluate(Object root, Map<String, Object> variables) {
        SimpleEvaluationContext context = SimpleEvaluationContext.forPropertyAccessors(MAP_KEYS, OBJECT_PROPERTIES)
                .withAssignmentDisabled()
                .build();
        functions.forEach(context::setVariable);
        variables.forEach(context::setVariable);
        try {
            return expression.getValue(context, root);
        } catch (RuntimeException e) {
            throw new ExpressionException("expression '" + source() + "' failed: " + e.getMessage(), e);
        }
    }

    /** Evaluates with no variables. */
    public Object evaluate(Object root) {
        return evaluate(root, Map.of());
    }

    @Override
    public String toString() {
        return source();
    }
}
