package io.sluice.runtime.state;

import io.sluice.api.state.StateTtlConfig;

/**
 * A state name known to one backend.
 *
 * @param id the backend-local id in store keys
 * @param ttl null when the state has no time-to-live, or was only restored and not yet requested
 * @param requested whether an operator asked for it (restored states are known before they are requested)
 */
record RegisteredState(int id, String name, StateKind kind, StateTtlConfig ttl, boolean requested) {}
