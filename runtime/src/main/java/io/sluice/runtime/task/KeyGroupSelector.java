package io.sluice.runtime.task;

import io.sluice.api.function.KeySelector;
import io.sluice.runtime.state.KeyGroups;

/** Every record of a key goes to the subtask owning the key's key group. */
final class KeyGroupSelector implements ChannelSelector {

    private final KeySelector<Object, Object> key;
    private final int maxParallelism;
    private final int downstreamParallelism;

    KeyGroupSelector(KeySelector<Object, Object> key, int maxParallelism, int downstreamParallelism) {
        this.key = key;
        this.maxParallelism = maxParallelism;
        this.downstreamParallelism = downstreamParallelism;
    }

    @Override
    public int select(Object record) throws Exception {
        return KeyGroups.subtaskForKey(key.getKey(record), maxParallelism, downstreamParallelism);
    }
}
