package io.sluice.runtime.state;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The store keys written or removed since the last snapshot: what an incremental snapshot writes. Bounded: past
 * {@code limit} keys it forgets them and reports an overflow, and the next snapshot is a full one.
 */
final class ChangedKeys {

    private final int limit;
    private Set<ByteKey> keys = new HashSet<>();
    private boolean tracking;
    private boolean overflowed;

    ChangedKeys(int limit) {
        this.limit = limit;
    }

    void record(byte[] storeKey) {
        if (tracking && keys.add(new ByteKey(storeKey)) && keys.size() > limit) {
            overflowed = true;
            tracking = false;
            keys = new HashSet<>();
        }
    }

    /** Forgets the keys; tracks from now on only if the next snapshot may be incremental. */
    void reset(boolean track) {
        keys = new HashSet<>();
        tracking = track;
        overflowed = false;
    }

    boolean overflowed() {
        return overflowed;
    }

    List<byte[]> keys() {
        List<byte[]> list = new ArrayList<>(keys.size());
        keys.forEach(key -> list.add(key.bytes()));
        return list;
    }
}
