package io.sluice.runtime.state;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.sluice.runtime.record.RecordKryo;
import java.util.ArrayList;
import java.util.List;

/**
 * Kryo bytes of state keys, namespaces and values: class name (or registered id) and fields, so any value the
 * record codec can carry can be kept in state. Equal keys must serialize to equal bytes (strings, numbers, records of
 * those; not hash-ordered collections), because stores compare keys by their bytes.
 *
 * <p>Uses {@link RecordKryo}, the record codec's configuration: its registration ids are part of the snapshot format.
 * One instance per backend; not thread-safe.
 */
final class StateSerializer {

    private static final int INITIAL_BUFFER = 256;

    private final Kryo kryo;
    private final Output output = new Output(INITIAL_BUFFER, -1);
    private final Input input = new Input();

    StateSerializer(ClassLoader userClassLoader) {
        this.kryo = RecordKryo.create(userClassLoader);
    }

    byte[] serialize(Object value) {
        output.reset();
        kryo.writeClassAndObject(output, value);
        return output.toBytes();
    }

    /** The objects of {@link #serialize} calls, concatenated: how list elements are stored. */
    byte[] serializeAll(List<?> values) {
        output.reset();
        for (Object value : values) {
            kryo.writeClassAndObject(output, value);
        }
        return output.toBytes();
    }

    Object deserialize(byte[] bytes) {
        return deserialize(bytes, 0, bytes.length);
    }

    Object deserialize(byte[] bytes, int offset, int length) {
        input.setBuffer(bytes, offset, length);
        return kryo.readClassAndObject(input);
    }

    /** Every object serialized back to back in {@code bytes} from {@code offset} on. */
    List<Object> deserializeAll(byte[] bytes, int offset) {
        input.setBuffer(bytes, offset, bytes.length - offset);
        List<Object> values = new ArrayList<>();
        while (input.position() < input.limit()) {
            values.add(kryo.readClassAndObject(input));
        }
        return values;
    }
}
