package io.sluice.runtime.timer;

import java.io.Serializable;

/**
 * A timer of one key and namespace (e.g. a window) at {@code timestamp}. Equal timers are one timer: registering
 * the same one twice fires it once.
 */
public record Timer(Object key, Object namespace, long timestamp) implements Serializable {}
