package io.sluice.runtime.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The store keys written or removed since the last snapshot: what an incremental snapshot writes. Bounded: past
 * {@code limit} keys it forgets them and reports an overflow, and the next snapshot is a full one.
 *
 * <p>Every state write of a checkpointed job passes through {@link #record}, so the set is an open-addressing table
 * of the key arrays themselves, kept (emptied, not dropped) from one checkpoint to the next: a {@code HashSet} cost a
 * wrapper and a node per key and regrew its table after every checkpoint, 6% of a worker's CPU on issue 3's job
 * (docs/benchmarks.md, session 8).
 */
final class ChangedKeys {

    private static final int INITIAL_CAPACITY = 64;

    private final int limit;
    /** Linear probing; null marks a free slot. Never more than half full. */
    private byte[][] table = new byte[INITIAL_CAPACITY][];
    private int[] hashes = new int[INITIAL_CAPACITY];
    private int size;
    private boolean tracking;
    private boolean overflowed;

    ChangedKeys(int limit) {
        this.limit = limit;
    }

    void record(byte[] storeKey) {
        if (!tracking) {
            return;
        }
        int hash = Arrays.hashCode(storeKey);
        int mask = table.length - 1;
        int slot = spread(hash) & mask;
        for (byte[] present; (present = table[slot]) != null; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash && Arrays.equals(present, storeKey)) {
                return;
            }
        }
        if (size == limit) {
            overflowed = true;
            tracking = false;
            table = new byte[INITIAL_CAPACITY][]; // nothing is tracked until the next snapshot: give the memory back
            hashes = new int[INITIAL_CAPACITY];
            size = 0;
            return;
        }
        table[slot] = storeKey;
        hashes[slot] = hash;
        if (++size * 2 > table.length) {
            grow();
        }
    }

    /** Forgets the keys; tracks from now on only if the next snapshot may be incremental. */
    void reset(boolean track) {
        clear();
        tracking = track;
        overflowed = false;
    }

    boolean overflowed() {
        return overflowed;
    }

    List<byte[]> keys() {
        List<byte[]> list = new ArrayList<>(size);
        for (byte[] key : table) {
            if (key != null) {
                list.add(key);
            }
        }
        return list;
    }

    private void clear() {
        if (size > 0) {
            Arrays.fill(table, null);
            size = 0;
        }
    }

    private void grow() {
        byte[][] oldTable = table;
        int[] oldHashes = hashes;
        table = new byte[oldTable.length * 2][];
        hashes = new int[table.length];
        int mask = table.length - 1;
        for (int i = 0; i < oldTable.length; i++) {
            if (oldTable[i] != null) {
                int slot = spread(oldHashes[i]) & mask;
                while (table[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = oldTable[i];
                hashes[slot] = oldHashes[i];
            }
        }
    }

    /** Arrays.hashCode of similar keys differs mostly in its low bits: spread them over the whole int. */
    private static int spread(int hash) {
        int mixed = hash * 0x9E3779B9;
        return mixed ^ (mixed >>> 16);
    }
}
