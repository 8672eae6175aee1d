package io.sluice.runtime.state;

import io.sluice.api.state.AggregatingState;
import io.sluice.api.state.AggregatingStateDescriptor;
import io.sluice.api.state.ListState;
import io.sluice.api.state.ListStateDescriptor;
import io.sluice.api.state.MapState;
import io.sluice.api.state.MapStateDescriptor;
import io.sluice.api.state.ReducingState;
import io.sluice.api.state.ReducingStateDescriptor;
import io.sluice.api.state.StateDescriptor;
import io.sluice.api.state.ValueState;
import io.sluice.api.state.ValueStateDescriptor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Keyed state of one operator subtask. The task sets the current key before each record; state handles read and
 * write the value of that key, in the current namespace. Off-heap (Chronicle Map) on workers, on the heap in tests.
 *
 * <p>Namespaces scope state below the key (window state: key + window). The namespace stays as set until set again,
 * whatever the key; null is the default namespace, where plain keyed state lives. An operator that uses namespaces
 * sets one before every access. A namespace object must not change once set: backends may recognise it by identity.
 *
 * <p>Handles may be kept (get them once in {@code open}); a name always means the same state, and asking for it
 * with another kind or TTL fails. Not thread-safe: one task thread uses a backend.
 */
public interface KeyedStateBackend extends AutoCloseable {

    void setCurrentKey(Object key);

    Object currentKey();

    /** Scopes subsequent state access; null for the default namespace. */
    void setCurrentNamespace(Object namespace);

    Object currentNamespace();

    default <T> ValueState<T> valueState(String name, Class<T> type) {
        return valueState(new ValueStateDescriptor<>(name, type));
    }

    <T> ValueState<T> valueState(ValueStateDescriptor<T> descriptor);

    <T> ListState<T> listState(ListStateDescriptor<T> descriptor);

    <K, V> MapState<K, V> mapState(MapStateDescriptor<K, V> descriptor);

    <T> ReducingState<T> reducingState(ReducingStateDescriptor<T> descriptor);

    <IN, ACC, OUT> AggregatingState<IN, OUT> aggregatingState(AggregatingStateDescriptor<IN, ACC, OUT> descriptor);

    /** The state a descriptor of any kind describes. */
    @SuppressWarnings("unchecked")
    default <S> S state(StateDescriptor<S> descriptor) {
        if (descriptor instanceof ValueStateDescriptor<?> value) {
            return (S) valueState(value);
        } else if (descriptor instanceof ListStateDescriptor<?> list) {
            return (S) listState(list);
        } else if (descriptor instanceof MapStateDescriptor<?, ?> map) {
            return (S) mapState(map);
        } else if (descriptor instanceof ReducingStateDescriptor<?> reducing) {
            return (S) reducingState(reducing);
        } else {
            return (S) aggregatingState((AggregatingStateDescriptor<?, ?, ?>) descriptor);
        }
    }

    /**
     * The keys that have an unexpired value in the named state under the current namespace. A scan of all state:
     * for tools and tests, not per record.
     */
    List<Object> keys(String stateName);

    /** A key and a namespace under which a state holds a value. */
    record KeyAndNamespace(Object key, Object namespace) {}

    /**
     * Every key and namespace under which the named state holds an unexpired value. A scan of all state: for
     * restores and tools, not per record.
     */
    List<KeyAndNamespace> keysAndNamespaces(String stateName);

    /**
     * Takes a snapshot of all state for {@code directory}, which must belong to this backend alone (e.g. one per
     * operator subtask), in two parts: this call, at the barrier between records, copies what the snapshot file
     * must hold (every entry when the snapshot is full, else only the entries changed since the previous snapshot,
     * so its cost follows the changes); {@link KeyedStateCapture#write()} writes the file, and may run on another
     * thread while the task goes on. Writes of one backend's captures must run in capture order.
     *
     * @param checkpointId greater than that of every earlier snapshot or restore of this backend
     */
    KeyedStateCapture capture(long checkpointId, Path directory) throws IOException;

    /** {@link #capture} and write at once. */
    default KeyedStateSnapshot snapshot(long checkpointId, Path directory) throws IOException {
        return capture(checkpointId, directory).write();
    }

    /**
     * Writes a full snapshot of all state into {@code directory} for a savepoint: self-contained (it lists no file
     * of an earlier snapshot) and outside the chain of incremental snapshots, which goes on as if it had not been
     * taken, so a savepoint never holds on to checkpoint files nor they to it.
     *
     * @param checkpointId greater than that of every earlier snapshot or restore of this backend
     */
    KeyedStateSnapshot savepoint(long checkpointId, Path directory) throws IOException;

    /**
     * Replaces all state with that of {@code snapshots}, keeping only the key groups in {@code keyGroups}. Several
     * handles (from the subtasks of another parallelism) are merged: that is how state is rescaled. The next snapshot
     * after a restore is full.
     */
    void restore(List<KeyedStateSnapshot> snapshots, KeyGroupRange keyGroups) throws IOException;

    /** Releases resources (memory, file handles); files on disk may stay. */
    @Override
    void close();

    /** Closes and deletes this backend's working files (not its snapshots). */
    default void dispose() {
        close();
    }
}
