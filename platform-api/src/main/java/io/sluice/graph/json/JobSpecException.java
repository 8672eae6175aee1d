package io.sluice.graph.json;

import java.util.List;
import java.util.stream.Collectors;

/** A job spec or job graph is invalid; carries every problem found, not just the first. */
public class JobSpecException extends RuntimeException {

    private final List<SpecError> errors;

    public JobSpecException(List<SpecError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public List<SpecError> errors() {
        return errors;
    }

    private static String summary(List<SpecError> errors) {
        String count = errors.size() == 1 ? "1 error" : errors.size() + " errors";
        return "invalid job (" + count + "): "
                + errors.stream().map(SpecError::toString).collect(Collectors.joining("; "));
    }
}
