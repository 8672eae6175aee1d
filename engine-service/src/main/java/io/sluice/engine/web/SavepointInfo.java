package io.sluice.engine.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.engine.savepoint.SavepointStatus;

/**
 * {@code GET /jobs/{jobid}/savepoints/{requestid}} in Flink's shape: {@code {"status": {"id": "IN_PROGRESS"}}}, or
 * {@code "COMPLETED"} with {@code "operation": {"location": ...}} or, for a failed savepoint,
 * {@code "operation": {"failure-cause": {"class", "stack-trace"}}} (the reason; no server stack trace).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SavepointInfo(Status status, Operation operation) {

    public record Status(String id) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Operation(String location, @JsonProperty("failure-cause") FailureCause failureCause) {}

    public record FailureCause(@JsonProperty("class") String className, @JsonProperty("stack-trace") String stackTrace) {}

    static SavepointInfo of(SavepointStatus status) {
        return switch (status.state()) {
            case IN_PROGRESS -> new SavepointInfo(new Status("IN_PROGRESS"), null);
            case COMPLETED -> new SavepointInfo(new Status("COMPLETED"), new Operation(status.location(), null));
            case FAILED -> new SavepointInfo(new Status("COMPLETED"), new Operation(null,
                    new FailureCause("io.sluice.engine.SavepointFailure", status.failureCause())));
        };
    }
}
