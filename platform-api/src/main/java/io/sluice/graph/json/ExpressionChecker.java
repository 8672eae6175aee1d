package io.sluice.graph.json;

import java.util.Optional;

/**
 * Checks an expression of a JSON job spec before the job runs. The runtime's SpEL sandbox provides the real one
 * ({@code ExpressionSandbox.standard()::check}); platform-api only needs the contract.
 */
@FunctionalInterface
public interface ExpressionChecker {

    /** Empty if the expression is acceptable, else the reason it is not. */
    Optional<String> check(String expression);
}
