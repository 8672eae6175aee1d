package io.sluice.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A worker (TaskManager) id, unique per worker process. */
public record WorkerId(String value) {

    @JsonCreator
    public WorkerId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("worker id must not be blank");
        }
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
