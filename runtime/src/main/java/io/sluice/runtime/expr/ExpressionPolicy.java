package io.sluice.runtime.expr;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.Assign;
import org.springframework.expression.spel.ast.BeanReference;
import org.springframework.expression.spel.ast.ConstructorReference;
import org.springframework.expression.spel.ast.FunctionReference;
import org.springframework.expression.spel.ast.Literal;
import org.springframework.expression.spel.ast.OpMultiply;
import org.springframework.expression.spel.ast.StringLiteral;
import org.springframework.expression.spel.ast.MethodReference;
import org.springframework.expression.spel.ast.OpDec;
import org.springframework.expression.spel.ast.OpInc;
import org.springframework.expression.spel.ast.TypeReference;
import org.springframework.expression.spel.ast.VariableReference;

/**
 * The one place that decides which SpEL constructs a job expression may use. Checked on the parsed AST before
 * anything is evaluated, so a forbidden expression is rejected when the job is submitted, not when a record
 * reaches it. The evaluation context is locked down as well (defence in depth), but this rule is the contract.
 *
 * <p>Allowed: literals, operators, property and index reads, inline lists and maps, selection and projection,
 * {@code #this}/{@code #root}, the declared variables, and calls of allow-listed functions ({@code #name(...)}).
 * Everything that reaches types, classes, beans or methods of objects, or writes anything, is rejected.
 */
record ExpressionPolicy(Set<String> functions, Set<String> variables) {

    /** SpEL's own limit on {@code 'text' * n} results; a literal count over it can never evaluate. */
    static final int MAX_REPEATED_TEXT = 256;

    /** SpEL's own variables: the current element and the root object. Harmless without method calls. */
    private static final Set<String> BUILT_IN_VARIABLES = Set.of("this", "root");

    ExpressionPolicy {
        functions = Set.copyOf(functions);
        variables = Set.copyOf(variables);
    }

    /** The first violation found walking the AST depth-first, or empty. */
    Optional<String> violation(SpelNode node) {
        Optional<String> own = ownViolation(node);
        if (own.isPresent()) {
            return own;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            Optional<String> child = violation(node.getChild(i));
            if (child.isPresent()) {
                return child;
            }
        }
        return Optional.empty();
    }

    private Optional<String> ownViolation(SpelNode node) {
        int at = node.getStartPosition();
        if (node instanceof TypeReference) {
            return reject("type references (T(...)) are not allowed", at);
        }
        if (node instanceof ConstructorReference) {
            return reject("constructors (new ...) are not allowed", at);
        }
        if (node instanceof BeanReference) {
            return reject("bean references (@name, &name) are not allowed", at);
        }
        if (node instanceof MethodReference method) {
            return reject("method calls on objects are not allowed (" + method.getName()
                    + "(...)); use an allow-listed function like #lower(x)", at);
        }
        if (node instanceof Assign || node instanceof OpInc || node instanceof OpDec) {
            return reject("assignments are not allowed", at);
        }
        if (node instanceof OpMultiply && repeatsTextTooOften(node)) {
            return reject("string repetition longer than " + MAX_REPEATED_TEXT + " characters", at);
        }
        if (node instanceof FunctionReference) {
            String name = referencedName(node);
            return functions.contains(name)
                    ? Optional.empty()
                    : reject("unknown function #" + name + "(...); allowed: " + sorted(functions), at);
        }
        if (node instanceof VariableReference) {
            String name = referencedName(node);
            if (BUILT_IN_VARIABLES.contains(name) || variables.contains(name)) {
                return Optional.empty();
            }
            return reject("unknown variable #" + name
                    + (variables.isEmpty() ? "; no variables are defined here" : "; allowed: " + sorted(variables))
                    + (functions.contains(name) ? " (functions must be called: #" + name + "(...))" : ""), at);
        }
        return Optional.empty();
    }

    private static boolean repeatsTextTooOften(SpelNode multiply) {
        if (multiply.getChildCount() != 2 || !(multiply.getChild(0) instanceof StringLiteral text)
                || !(multiply.getChild(1) instanceof Literal count)) {
            return false;
        }
        Object times = count.getLiteralValue().getValue();
        String repeated = String.valueOf(text.getLiteralValue().getValue());
        return times instanceof Number n && n.doubleValue() * repeated.length() > MAX_REPEATED_TEXT;
    }

    /** Names of the functions the expression calls (so evaluation binds only those). */
    static Set<String> functionsCalled(SpelNode node) {
        Set<String> names = new HashSet<>();
        if (node instanceof FunctionReference) {
            names.add(referencedName(node));
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            names.addAll(functionsCalled(node.getChild(i)));
        }
        return names;
    }

    /** SpEL renders both references as {@code #name} or {@code #name(args)}; it exposes no getter for the name. */
    private static String referencedName(SpelNode node) {
        String ast = node.toStringAST();
        int paren = ast.indexOf('(');
        return ast.substring(1, paren < 0 ? ast.length() : paren);
    }

    private static Optional<String> reject(String reason, int position) {
        return Optional.of(reason + " (at position " + position + ")");
    }

    private static String sorted(Set<String> names) {
        return String.join(", ", names.stream().sorted().toList());
    }
}
