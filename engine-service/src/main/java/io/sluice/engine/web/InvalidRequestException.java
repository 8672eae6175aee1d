package io.sluice.engine.web;

import io.sluice.graph.json.SpecError;
import java.util.List;
import java.util.stream.Collectors;

/** A request body with bad fields (other than a job spec): 400 listing each, like an invalid spec. */
public final class InvalidRequestException extends RuntimeException {

    private final List<SpecError> errors;

    public InvalidRequestException(List<SpecError> errors) {
        super(errors.stream().map(SpecError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<SpecError> errors() {
        return errors;
    }
}
