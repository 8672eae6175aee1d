package io.sluice.runtime.state;

import java.time.Clock;

/**
 * Keyed state on the heap, serialized like the off-heap backend (so values are copied in and out the same way and
 * snapshots are interchangeable). For tests and the local runner; workers use Chronicle Map. Single-threaded,
 * like every operator.
 */
public final class InMemoryKeyedStateBackend extends SerializedKeyedStateBackend {

    /** Default key groups, the thread's context class loader (else this one's) and the system clock. */
    public InMemoryKeyedStateBackend() {
        this(KeyedStateSettings.defaults(KeyedStateSettings.DEFAULT_MAX_PARALLELISM), defaultClassLoader(),
                Clock.systemUTC());
    }

    public InMemoryKeyedStateBackend(KeyedStateSettings settings, ClassLoader userClassLoader, Clock clock) {
        super(new HeapStateStore(), settings, userClassLoader, clock);
    }

    /** Number of keys (over all namespaces) holding an unexpired value in the named state. */
    public int size(String name) {
        return Math.toIntExact(entryCount(name));
    }

    private static ClassLoader defaultClassLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : InMemoryKeyedStateBackend.class.getClassLoader();
    }
}
