package io.sluice.engine.web;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Flink's answer to a savepoint or stop request: {@code {"request-id": ...}}. */
public record SavepointTriggered(@JsonProperty("request-id") String requestId) {}
