package io.sluice.engine.web;

/** Response of {@code POST /jobs}. */
public record JobSubmitted(String jobid) {}
