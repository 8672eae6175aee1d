package io.sluice.runtime.state;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Kryo bytes of state keys, namespaces and values: class name (or registered id) and fields, so any value the
 * record codec can carry can be kept in state. Equal keys must serialize to equal bytes (strings, numbers, records of
 * those; not hash-ordered collections), because stores compare keys by their bytes.
 *
 * <p>The configuration copies the record codec's ({@code StreamElementCodec}), so whatever flows between tasks can
 * be kept in state; the registration ids are part of the snapshot format here: append only.
 * One instance per backend; not thread-safe.
 */
final class StateSerializer {

    private static final int INITIAL_BUFFER = 256;

    private final Kryo kryo = new Kryo();
    private final Output output = new Output(INITIAL_BUFFER, -1);
    private final Input input = new Input();

    StateSerializer(ClassLoader userClassLoader) {
        kryo.setClassLoader(userClassLoader);
        kryo.setRegistrationRequired(false);
        kryo.setReferences(false);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        ImmutableCollectionsSerializers.addDefaultSerializers(kryo);
        kryo.register(LinkedHashMap.class, 100);
        kryo.register(HashMap.class, 101);
        kryo.register(ArrayList.class, 102);
        kryo.register(LinkedHashSet.class, 103);
        kryo.register(HashSet.class, 104);
        kryo.register(BigInteger.class, 105);
        kryo.register(BigDecimal.class, 106);
        kryo.register(Object[].class, 107);
        kryo.register(String[].class, 108);
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
