package io.sluice.graph.json;

import java.util.Optional;
import java.util.Set;

/**
 * Checks an expression of a JSON job spec before the job runs. The runtime's SpEL sandbox provides the real one
 * ({@code ExpressionSandbox.standard()::check}); platform-api only needs the contract.
 */
@FunctionalInterface
public interface ExpressionChecker {

    /** Empty if the expression is acceptable, else the reason it is not. */
    Optional<String> check(String expression);

    /**
     * The record fields an acceptable expression reads from its root (the record), such as {@code amount} in
     * {@code amount > 10 && #lower(name) == 'x'} (and {@code name}); empty when the checker cannot tell, in which
     * case field references go unchecked.
     */
    default Optional<Set<String>> fieldsRead(String expression) {
        return Optional.empty();
    }
}
