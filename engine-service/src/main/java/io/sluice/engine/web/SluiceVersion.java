package io.sluice.engine.web;

/** What the REST API reports as the engine's build: version and git commit, "unknown" when not recorded. */
public record SluiceVersion(String version, String commit) {}
