package io.sluice.runtime.state;

import io.sluice.api.state.AggregatingState;
import io.sluice.api.state.AggregatingStateDescriptor;
import io.sluice.api.state.ListState;
import io.sluice.api.state.ListStateDescriptor;
import io.sluice.api.state.MapState;
import io.sluice.api.state.MapStateDescriptor;
import io.sluice.api.state.ReducingState;
import io.sluice.api.state.ReducingStateDescriptor;
import io.sluice.api.state.StateTtlConfig;
import io.sluice.api.state.ValueState;
import io.sluice.api.state.ValueStateDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Keyed state kept serialized in a {@link StateStore}: the semantics of every state kind, TTL, change tracking and
 * snapshots, written once for all backends. A backend supplies the store (heap map, Chronicle Map). Values are
 * copied in and out, so every backend behaves the same: changing an object after {@code update} does not change
 * the state.
 *
 * <p>Entries are {@link StoreKeys store keys} (key group, state, key, namespace) to {@link StoredValues stored
 * values} (TTL timestamp, payload). Lists store their elements back to back (adding appends bytes); a map state
 * stores a key's whole map as one value (see {@link MapPayload}); reducing and aggregating states store the
 * reduced value or the accumulator.
 *
 * <p>Snapshots: the keys written or removed since the previous snapshot are tracked ({@link ChangedKeys}); an
 * incremental snapshot writes their current values and tombstones for the removed ones. A full snapshot (the first,
 * every {@link KeyedStateSettings#fullSnapshotInterval()}-th, after a restore, or after the tracking bound was
 * exceeded, or after a file of the chain failed) writes every unexpired entry. Snapshots are captured at the barrier
 * and written later ({@link KeyedStateCapture}): the entries are copied, so changes after the barrier cannot leak in.
 */
public abstract class SerializedKeyedStateBackend implements KeyedStateBackend {

    private static final byte[] DEFAULT_NAMESPACE = new byte[0];

    private final StateStore store;
    private final KeyedStateSettings settings;
    private final Clock clock;
    private final StateSerializer serializer;
    private final StateRegistry registry = new StateRegistry();
    private final ChangedKeys changes;

    private Object currentKey;
    private byte[] currentKeyBytes;
    private int currentKeyGroup;
    private Object currentNamespace;
    private byte[] currentNamespaceBytes = DEFAULT_NAMESPACE;
    /** The namespace set before the current one: operators switch back to it (a window after touching its timer). */
    private Object previousNamespace;
    private byte[] previousNamespaceBytes = DEFAULT_NAMESPACE;

    /** The files of the current incremental chain, full one first; the last ones may still be being written. */
    private List<CompletableFuture<SnapshotFile>> chain = List.of();
    private long lastCheckpointId = Long.MIN_VALUE;

    /**
     * @param userClassLoader resolves the classes of keys and values
     * @param clock processing time for TTL
     */
    protected SerializedKeyedStateBackend(
            StateStore store, KeyedStateSettings settings, ClassLoader userClassLoader, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.serializer = new StateSerializer(Objects.requireNonNull(userClassLoader, "userClassLoader"));
        this.changes = new ChangedKeys(settings.maxTrackedChanges());
    }

    @Override
    public void setCurrentKey(Object key) {
        if (key == null) {
            throw new IllegalArgumentException("record key is null");
        }
        currentKeyGroup = KeyGroups.keyGroupFor(key, settings.maxParallelism());
        currentKeyBytes = serializer.serialize(key);
        currentKey = key;
    }

    @Override
    public Object currentKey() {
        return currentKey;
    }

    @Override
    public void setCurrentNamespace(Object namespace) {
        if (namespace == currentNamespace) {
            return;
        }
        byte[] bytes = namespace == null ? DEFAULT_NAMESPACE
                : namespace == previousNamespace ? previousNamespaceBytes : serializer.serialize(namespace);
        previousNamespace = currentNamespace;
        previousNamespaceBytes = currentNamespaceBytes;
        currentNamespace = namespace;
        currentNamespaceBytes = bytes;
    }

    @Override
    public Object currentNamespace() {
        return currentNamespace;
    }

    @Override
    public <T> ValueState<T> valueState(ValueStateDescriptor<T> descriptor) {
        return new StoredValueState<>(this, registry.request(descriptor), descriptor.type());
    }

    @Override
    public <T> ListState<T> listState(ListStateDescriptor<T> descriptor) {
        return new StoredListState<>(this, registry.request(descriptor), descriptor.elementType());
    }

    @Override
    public <K, V> MapState<K, V> mapState(MapStateDescriptor<K, V> descriptor) {
        return new StoredMapState<>(this, registry.request(descriptor), descriptor);
    }

    @Override
    public <T> ReducingState<T> reducingState(ReducingStateDescriptor<T> descriptor) {
        return new StoredReducingState<>(this, registry.request(descriptor), descriptor);
    }

    @Override
    public <IN, ACC, OUT> AggregatingState<IN, OUT> aggregatingState(
            AggregatingStateDescriptor<IN, ACC, OUT> descriptor) {
        return new StoredAggregatingState<>(this, registry.request(descriptor), descriptor);
    }

    @Override
    public List<Object> keys(String stateName) {
        List<Object> keys = new ArrayList<>();
        forEachStored(stateName, parts -> {
            if (Arrays.equals(parts.namespace(), currentNamespaceBytes)) {
                keys.add(serializer.deserialize(parts.key()));
            }
        });
        return keys;
    }

    @Override
    public List<KeyAndNamespace> keysAndNamespaces(String stateName) {
        List<KeyAndNamespace> found = new ArrayList<>();
        forEachStored(stateName, parts -> found.add(new KeyAndNamespace(serializer.deserialize(parts.key()),
                parts.namespace().length == 0 ? null : serializer.deserialize(parts.namespace()))));
        return found;
    }

    /** Calls {@code action} with the store key of every unexpired entry of the named state (a scan). */
    private void forEachStored(String stateName, Consumer<StoreKeys.Parts> action) {
        RegisteredState state = registry.byName(stateName);
        if (state == null) {
            return;
        }
        long now = clock.millis();
        store.forEach((storeKey, stored) -> {
            if (StoreKeys.stateId(storeKey) == state.id() && !StoredValues.isExpired(stored, state.ttl(), now)) {
                action.accept(StoreKeys.decode(storeKey));
            }
        });
    }

    /** Unexpired entries of the named state over all keys and namespaces (a scan). */
    protected long entryCount(String stateName) {
        long[] count = {0};
        forEachStored(stateName, parts -> count[0]++);
        return count[0];
    }

    @Override
    public KeyedStateCapture capture(long checkpointId, Path directory) throws IOException {
        if (checkpointId <= lastCheckpointId) {
            throw new IllegalArgumentException(
                    "checkpoint " + checkpointId + " is not after checkpoint " + lastCheckpointId);
        }
        Files.createDirectories(directory);
        boolean full = chain.isEmpty() || chain.size() >= settings.fullSnapshotInterval() || changes.overflowed()
                || chain.stream().anyMatch(CompletableFuture::isCompletedExceptionally);
        Path path = directory.resolve("keyed-state-" + checkpointId + (full ? ".full" : ".incremental"));
        List<KeyedStateCapture.Entry> entries = full ? copyAll() : copyChanges();
        KeyedStateCapture capture;
        if (entries == null) {
            // Too much state to copy: written now, on the task thread, straight from the store.
            SnapshotFile written = writeAll(path, checkpointId);
            capture = KeyedStateCapture.written(checkpointId, written);
            chain = List.of(CompletableFuture.completedFuture(written));
        } else {
            List<CompletableFuture<SnapshotFile>> earlier = full ? List.of() : chain;
            CompletableFuture<SnapshotFile> file = new CompletableFuture<>();
            capture = new KeyedStateCapture(checkpointId, path, full, settings.maxParallelism(), stateNames(),
                    entries, earlier, file);
            List<CompletableFuture<SnapshotFile>> next = new ArrayList<>(earlier);
            next.add(file);
            chain = List.copyOf(next);
        }
        lastCheckpointId = checkpointId;
        changes.reset(chain.size() < settings.fullSnapshotInterval());
        return capture;
    }

    @Override
    public KeyedStateSnapshot savepoint(long checkpointId, Path directory) throws IOException {
        if (checkpointId <= lastCheckpointId) {
            throw new IllegalArgumentException(
                    "savepoint " + checkpointId + " is not after checkpoint " + lastCheckpointId);
        }
        Files.createDirectories(directory);
        SnapshotFile written = writeAll(directory.resolve("keyed-state-" + checkpointId + ".full"), checkpointId);
        // The incremental chain and the tracked changes stay: the next checkpoint writes what changed since the last.
        lastCheckpointId = checkpointId;
        return new KeyedStateSnapshot(checkpointId, List.of(written));
    }

    @Override
    public void restore(List<KeyedStateSnapshot> snapshots, KeyGroupRange keyGroups) throws IOException {
        if (keyGroups.last() >= settings.maxParallelism()) {
            throw new IllegalArgumentException(
                    keyGroups + " exceeds the " + settings.maxParallelism() + " key groups of this backend");
        }
        store.clear();
        long latest = lastCheckpointId;
        for (KeyedStateSnapshot snapshot : snapshots) {
            for (SnapshotFile file : snapshot.files()) {
                StateSnapshotFormat.Summary summary =
                        StateSnapshotFormat.read(file.path(), settings.maxParallelism(), keyGroups, this::apply);
                if (summary.checkpointId() != file.checkpointId() || summary.full() != file.full()) {
                    throw new IOException(file.path() + " does not hold the snapshot its handle describes: " + file);
                }
            }
            latest = Math.max(latest, snapshot.checkpointId());
        }
        chain = List.of();
        changes.reset(false);
        lastCheckpointId = latest;
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public void dispose() {
        store.dispose();
    }

    // ---- for the state handles

    StateSerializer serializer() {
        return serializer;
    }

    /** The current key's value, deserialized; null if absent or expired. */
    Object readObject(RegisteredState state) {
        byte[] stored = readStored(state);
        if (stored == null) {
            return null;
        }
        int offset = StoredValues.payloadOffset(stored);
        return serializer.deserialize(stored, offset, stored.length - offset);
    }

    /** The current key's list elements; empty if absent or expired. */
    List<Object> readObjects(RegisteredState state) {
        byte[] stored = readStored(state);
        return stored == null ? List.of() : serializer.deserializeAll(stored, StoredValues.payloadOffset(stored));
    }

    /** The current key's payload bytes; null if absent or expired. */
    byte[] readPayload(RegisteredState state) {
        byte[] stored = readStored(state);
        return stored == null ? null : StoredValues.payload(stored);
    }

    void writeObject(RegisteredState state, Object value) {
        writePayload(state, serializer.serialize(value));
    }

    void writePayload(RegisteredState state, byte[] payload) {
        byte[] key = storeKey(state);
        store.put(key, StoredValues.encode(state.ttl() != null, clock.millis(), payload));
        changes.record(key);
    }

    /** Appends {@code bytes} to the current key's payload (a new value if absent or expired). */
    void appendPayload(RegisteredState state, byte[] bytes) {
        byte[] key = storeKey(state);
        long now = clock.millis();
        boolean timestamped = state.ttl() != null;
        byte[] stored = store.get(key);
        if (stored == null || StoredValues.isExpired(stored, state.ttl(), now)) {
            store.put(key, StoredValues.encode(timestamped, now, bytes));
        } else {
            int offset = StoredValues.payloadOffset(stored);
            store.put(key, StoredValues.encode(timestamped, now, stored, offset, stored.length - offset, bytes));
        }
        changes.record(key);
    }

    void remove(RegisteredState state) {
        byte[] key = storeKey(state);
        store.remove(key);
        changes.record(key);
    }

    // ---- internals

    /** The stored bytes of the current key, applying TTL: expired values are removed, reads refresh if configured. */
    private byte[] readStored(RegisteredState state) {
        byte[] key = storeKey(state);
        byte[] stored = store.get(key);
        StateTtlConfig ttl = state.ttl();
        if (stored == null || ttl == null) {
            return stored;
        }
        long now = clock.millis();
        if (StoredValues.isExpired(stored, ttl, now)) {
            store.remove(key);
            changes.record(key);
            return null;
        }
        if (ttl.updateType() == StateTtlConfig.UpdateType.ON_READ_AND_WRITE) {
            stored = StoredValues.touched(stored, now);
            store.put(key, stored);
            changes.record(key);
        }
        return stored;
    }

    private byte[] storeKey(RegisteredState state) {
        if (currentKey == null) {
            throw new IllegalStateException("no current key: state is only available while processing a keyed record");
        }
        return StoreKeys.encode(currentKeyGroup, state.id(), currentKeyBytes, currentNamespaceBytes);
    }

    private List<StateSnapshotFormat.StateName> stateNames() {
        return registry.all().stream()
                .map(state -> new StateSnapshotFormat.StateName(state.id(), state.name(), state.kind()))
                .toList();
    }

    /** Every unexpired entry into a full snapshot file, from the store as it is now. */
    private SnapshotFile writeAll(Path path, long checkpointId) throws IOException {
        long now = clock.millis();
        try (StateSnapshotFormat.Writer writer =
                new StateSnapshotFormat.Writer(path, checkpointId, true, settings.maxParallelism(), stateNames())) {
            store.forEach((storeKey, stored) -> {
                if (!StoredValues.isExpired(stored, registry.byId(StoreKeys.stateId(storeKey)).ttl(), now)) {
                    StoreKeys.Parts parts = StoreKeys.decode(storeKey);
                    try {
                        writer.put(parts.keyGroup(), parts.stateId(), parts.key(), parts.namespace(), stored);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            return writer.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Every unexpired entry, for a full snapshot written later; null if they exceed
     * {@link KeyedStateSettings#maxCapturedBytes()}. Stores never modify arrays they returned, so the copies are the
     * store's own arrays (the Chronicle store returns fresh ones).
     */
    private List<KeyedStateCapture.Entry> copyAll() {
        long now = clock.millis();
        List<KeyedStateCapture.Entry> entries = new ArrayList<>();
        long[] bytes = {0};
        try {
            store.forEach((storeKey, stored) -> {
                if (!StoredValues.isExpired(stored, registry.byId(StoreKeys.stateId(storeKey)).ttl(), now)) {
                    bytes[0] += storeKey.length + stored.length;
                    if (bytes[0] > settings.maxCapturedBytes()) {
                        throw new CaptureTooLarge();
                    }
                    entries.add(new KeyedStateCapture.Entry(storeKey, stored));
                }
            });
        } catch (CaptureTooLarge e) {
            return null;
        }
        return entries;
    }

    /** The changed keys' current values, null for those removed or expired: an incremental snapshot's entries. */
    private List<KeyedStateCapture.Entry> copyChanges() {
        long now = clock.millis();
        List<KeyedStateCapture.Entry> entries = new ArrayList<>();
        for (byte[] storeKey : changes.keys()) {
            byte[] stored = store.get(storeKey);
            boolean gone = stored == null
                    || StoredValues.isExpired(stored, registry.byId(StoreKeys.stateId(storeKey)).ttl(), now);
            entries.add(new KeyedStateCapture.Entry(storeKey, gone ? null : stored));
        }
        return entries;
    }

    /** Ends {@link #copyAll()}'s scan early; no stack trace, it is not an error. */
    private static final class CaptureTooLarge extends RuntimeException {
        CaptureTooLarge() {
            super(null, null, false, false);
        }
    }

    private void apply(StateSnapshotFormat.Entry entry) {
        RegisteredState state = registry.restored(entry.stateName(), entry.stateKind());
        byte[] key = StoreKeys.encode(entry.keyGroup(), state.id(), entry.key(), entry.namespace());
        if (entry.value() == null) {
            store.remove(key);
        } else {
            store.put(key, entry.value());
        }
    }
}
