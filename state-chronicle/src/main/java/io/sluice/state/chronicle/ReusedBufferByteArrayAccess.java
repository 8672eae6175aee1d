package io.sluice.state.chronicle;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.hash.AbstractData;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.hash.serialization.DataAccess;
import net.openhft.chronicle.wire.WireIn;
import net.openhft.chronicle.wire.WireOut;

/**
 * Gives Chronicle Map a {@code byte[]} key or value by copying it into a buffer this instance keeps, where Chronicle's
 * own access wraps every array in a new reference-counted store: about seven objects per get, put or remove, a tenth of
 * a window worker's allocation in the benchmark (docs/benchmarks.md, session 8). Keys and values are small, so the copy
 * costs less than the allocation. Chronicle gives each map context its own {@link #copy()}, so one instance is never
 * used by two threads at once.
 */
final class ReusedBufferByteArrayAccess extends AbstractData<byte[]> implements DataAccess<byte[]> {

    private static final int INITIAL_CAPACITY = 256;

    private transient byte[] array;
    private transient byte[] buffer;
    private transient BytesStore<?, byte[]> store;

    @Override
    public Data<byte[]> getData(byte[] instance) {
        array = instance;
        if (buffer == null || buffer.length < instance.length) {
            buffer = new byte[Math.max(INITIAL_CAPACITY, Integer.highestOneBit(instance.length) << 1)];
            store = BytesStore.wrap(buffer);
        }
        System.arraycopy(instance, 0, buffer, 0, instance.length);
        return this;
    }

    @Override
    public RandomDataInput bytes() {
        return store;
    }

    @Override
    public long offset() {
        return store.start();
    }

    @Override
    public long size() {
        return array.length;
    }

    @Override
    public byte[] get() {
        return array;
    }

    @Override
    public byte[] getUsing(byte[] using) {
        byte[] target = using != null && using.length == array.length ? using : new byte[array.length];
        System.arraycopy(array, 0, target, 0, array.length);
        return target;
    }

    /** Keeps the buffer for the next call, drops the caller's array. */
    @Override
    public void uninit() {
        array = null;
    }

    @Override
    public DataAccess<byte[]> copy() {
        return new ReusedBufferByteArrayAccess();
    }

    /** Nothing to persist in the map's header: the buffer is per instance, and every instance starts empty. */
    @Override
    public void writeMarshallable(WireOut wire) {}

    @Override
    public void readMarshallable(WireIn wire) {}
}
