package io.sluice.runtime.state;

import io.sluice.api.state.StateDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The states of one backend, by name and by store id. A name keeps its kind and TTL: asking for it again with
 * another kind or TTL is an error, as is restoring it as another kind.
 */
final class StateRegistry {

    private final Map<String, RegisteredState> byName = new HashMap<>();
    private final List<RegisteredState> byId = new ArrayList<>();

    /** The state an operator asks for; registers it, or checks it against the earlier request or restore. */
    RegisteredState request(StateDescriptor<?> descriptor) {
        StateKind kind = StateKind.of(descriptor);
        RegisteredState known = byName.get(descriptor.name());
        if (known == null) {
            return add(descriptor.name(), kind, descriptor);
        }
        checkKind(known, kind);
        if (known.requested()) {
            if (!Objects.equals(known.ttl(), descriptor.ttl())) {
                throw new IllegalStateException("state '" + known.name() + "' is already registered with ttl "
                        + known.ttl() + ", not " + descriptor.ttl());
            }
            return known;
        }
        RegisteredState claimed = new RegisteredState(known.id(), known.name(), kind, descriptor.ttl(), true);
        byName.put(claimed.name(), claimed);
        byId.set(claimed.id(), claimed);
        return claimed;
    }

    /** The state a snapshot entry belongs to; registers it unrequested if new. */
    RegisteredState restored(String name, StateKind kind) {
        RegisteredState known = byName.get(name);
        if (known == null) {
            return add(name, kind, null);
        }
        checkKind(known, kind);
        return known;
    }

    RegisteredState byId(int id) {
        return byId.get(id);
    }

    RegisteredState byName(String name) {
        return byName.get(name);
    }

    List<RegisteredState> all() {
        return List.copyOf(byId);
    }

    private RegisteredState add(String name, StateKind kind, StateDescriptor<?> descriptor) {
        if (byId.size() > StoreKeys.MAX_STATE_ID) {
            throw new IllegalStateException("too many states in one operator: " + byId.size());
        }
        RegisteredState state = new RegisteredState(
                byId.size(), name, kind, descriptor == null ? null : descriptor.ttl(), descriptor != null);
        byName.put(name, state);
        byId.add(state);
        return state;
    }

    private static void checkKind(RegisteredState known, StateKind kind) {
        if (known.kind() != kind) {
            throw new IllegalStateException(
                    "state '" + known.name() + "' is " + known.kind() + " state, not " + kind);
        }
    }
}
