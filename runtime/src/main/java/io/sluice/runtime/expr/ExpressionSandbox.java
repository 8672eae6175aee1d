package io.sluice.runtime.expr;

import io.sluice.graph.json.ExpressionChecker;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelCompilerMode;
import org.springframework.expression.spel.SpelParserConfiguration;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * Compiles the Spring Expression Language expressions of JSON jobs into sandboxed {@link CompiledExpression}s.
 *
 * <p>Records are rows ({@code Map}s) or Java objects: {@code word} reads the map key or the record component /
 * getter {@code word}; {@code count + 1}, {@code a == 'x' and b > 3}, {@code #acc} (a declared variable) and
 * {@code #lower(word)} (an allow-listed function, see {@link ExpressionFunctions}) work. What is forbidden is
 * decided by {@link ExpressionPolicy} on the AST at compile time; evaluation also runs in a SimpleEvaluationContext
 * with read-only property access, no method or constructor resolution, no types and no beans.
 *
 * <p>Bounds: sources longer than {@value #MAX_SOURCE_LENGTH} characters are rejected; SpEL stops an evaluation after
 * {@value #MAX_OPERATIONS} operations and applies its own limits to the {@code matches} operator (pattern length,
 * backtracking), to string repetition ({@code 'x' * n}) and concatenation; {@code #split} guards its regular
 * expression the same way ({@link RegexBudget}) and {@code #concat} its result's length. Brackets may nest
 * {@value #MAX_NESTING} deep, and a literal repetition beyond SpEL's limit is rejected at compile time already.
 * Thread-safe; {@link #standard()} is shared.
 */
public final class ExpressionSandbox {

    public static final int MAX_SOURCE_LENGTH = 4096;
    /** Deepest nesting of brackets: SpEL's parser and evaluator recurse per level, and no real job needs more. */
    static final int MAX_NESTING = 64;
    static final int MAX_OPERATIONS = 10_000;

    /**
     * Variables the runtime binds: {@code #acc}, the previous accumulator of a reduce; {@code #old}, the earlier
     * element of a window delta function; {@code #left}, {@code #right}, the two elements of a join result.
     */
    public static final Set<String> RUNTIME_VARIABLES = Set.of("acc", "old", "left", "right");

    private static final ExpressionSandbox STANDARD = new ExpressionSandbox(ExpressionFunctions.all(), RUNTIME_VARIABLES);

    private final Map<String, Method> functions;
    private final ExpressionPolicy policy;
    private final SpelExpressionParser parser = new SpelExpressionParser(new SpelParserConfiguration(
            SpelCompilerMode.OFF, null, false, false, 0, MAX_SOURCE_LENGTH, MAX_OPERATIONS));

    private ExpressionSandbox(Map<String, Method> functions, Set<String> variables) {
        this.functions = Map.copyOf(functions);
        this.policy = new ExpressionPolicy(functions.keySet(), variables);
    }

    /** The allow-listed functions, and the variables any runtime operator may bind ({@link #RUNTIME_VARIABLES}). */
    public static ExpressionSandbox standard() {
        return STANDARD;
    }

    /** The same functions, allowing exactly the given variable names (for an operator that binds only those). */
    public ExpressionSandbox withVariables(Set<String> variables) {
        return new ExpressionSandbox(functions, variables);
    }

    /** Parses and checks; throws {@link ExpressionException} saying what is wrong. */
    public CompiledExpression compile(String source) {
        if (source == null || source.isBlank()) {
            throw new ExpressionException("expression is empty");
        }
        if (source.length() > MAX_SOURCE_LENGTH) {
            throw new ExpressionException("expression is longer than " + MAX_SOURCE_LENGTH + " characters");
        }
        int nesting = nesting(source);
        if (nesting > MAX_NESTING) {
            throw new ExpressionException("expression nests brackets " + nesting + " deep; at most " + MAX_NESTING);
        }
        SpelExpression expression = parseChecked(source);
        Map<String, Method> called = new HashMap<>();
        ExpressionPolicy.functionsCalled(expression.getAST()).forEach(name -> called.put(name, functions.get(name)));
        return new CompiledExpression(expression, called);
    }

    private SpelExpression parseChecked(String source) {
        SpelExpression expression;
        try {
            expression = parser.parseRaw(source);
        } catch (ParseException | IllegalStateException e) {
            throw new ExpressionException("invalid expression '" + source + "': " + e.getMessage(), e);
        }
        policy.violation(expression.getAST()).ifPresent(reason -> {
            throw new ExpressionException("forbidden in expression '" + source + "': " + reason);
        });
        return expression;
    }

    /** Deepest nesting of (), [] and {} outside string literals; checked before the recursive parser runs. */
    private static int nesting(String source) {
        int depth = 0;
        int deepest = 0;
        char quote = 0;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote; // a doubled quote escapes itself: leaving and re-entering is the same
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        return deepest;
    }

    /** Empty if {@code source} compiles, else the reason (the spec parser's expression checker). */
    public Optional<String> check(String source) {
        try {
            compile(source);
            return Optional.empty();
        } catch (ExpressionException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The record fields {@code source} reads from its root ({@link RootFields}); empty if it does not compile. */
    public Optional<Set<String>> fieldsRead(String source) {
        try {
            compile(source);
            return Optional.of(RootFields.of(parser.parseRaw(source).getAST()));
        } catch (ExpressionException e) {
            return Optional.empty();
        }
    }

    /** The spec parser's expression checker: {@link #check} and {@link #fieldsRead}. */
    public ExpressionChecker checker() {
        return new ExpressionChecker() {
            @Override
            public Optional<String> check(String expression) {
                return ExpressionSandbox.this.check(expression);
            }

            @Override
            public Optional<Set<String>> fieldsRead(String expression) {
                return ExpressionSandbox.this.fieldsRead(expression);
            }
        };
    }
}
