package io.sluice.state.chronicle;

import io.sluice.runtime.state.KeyedStateSettings;
import io.sluice.runtime.state.SerializedKeyedStateBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Keyed state off-heap in one Chronicle Map file per operator subtask (see {@link ChronicleMapStore}): store keys
 * are {@code key group (2 bytes) | state id (2 bytes) | key length | serialized key | serialized namespace}, values
 * the serialized state with its TTL header. The state semantics, change tracking and snapshot format are those of
 * every {@link SerializedKeyedStateBackend}, so its snapshots restore into the heap backend and back.
 *
 * <p>{@link #close()} unmaps the file; {@link #dispose()} also deletes it. The JVM needs the Chronicle flags
 * ({@code chronicle.jvm.args} in the root pom) and a full JDK.
 */
public final class ChronicleMapStateBackend extends SerializedKeyedStateBackend {

    private final ChronicleMapStore store;

    public ChronicleMapStateBackend(
            ChronicleMapOptions options, KeyedStateSettings settings, ClassLoader userClassLoader, Clock clock)
            throws IOException {
        this(ChronicleMapStore.open(options), settings, userClassLoader, clock);
    }

    private ChronicleMapStateBackend(
            ChronicleMapStore store, KeyedStateSettings settings, ClassLoader userClassLoader, Clock clock) {
        super(store, settings, userClassLoader, clock);
        this.store = store;
    }

    /** The current map file (it changes when the map grows). */
    public Path mapFile() {
        return store.file();
    }

    /** How many times the map was rebuilt bigger. */
    public int mapGeneration() {
        return store.generation();
    }
}
