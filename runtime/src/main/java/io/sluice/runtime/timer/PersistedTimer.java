package io.sluice.runtime.timer;

/**
 * A timer as kept in keyed state: the namespace of its entry (the key is the state's key; the value, the sequence
 * number that orders timers due at the same time).
 */
record PersistedTimer(boolean eventTime, Object namespace, long timestamp) {}
