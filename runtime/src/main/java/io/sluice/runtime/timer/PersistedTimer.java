package io.sluice.runtime.timer;

/**
 * A timer as kept in keyed state (the key is the state's key), with the sequence number that orders timers due at
 * the same time.
 */
record PersistedTimer(boolean eventTime, Object namespace, long timestamp) {}
