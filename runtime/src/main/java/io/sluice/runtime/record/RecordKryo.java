package io.sluice.runtime.record;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.sluice.api.windowing.GlobalWindow;
import io.sluice.api.windowing.TimeWindow;
import io.sluice.runtime.timer.PersistedTimer;
import io.sluice.runtime.window.WindowPartial;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * The one Kryo configuration for user records, shared by the channel codec and keyed state, so that whatever flows
 * between tasks can also be kept in state.
 */
public final class RecordKryo {

    private RecordKryo() {}

    /** A new instance (Kryo is not thread-safe) that loads user classes through {@code userClassLoader}. */
    public static Kryo create(ClassLoader userClassLoader) {
        Kryo kryo = new Kryo();
        kryo.setClassLoader(userClassLoader);
        kryo.setRegistrationRequired(false);
        kryo.setReferences(false);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        ImmutableCollectionsSerializers.addDefaultSerializers(kryo);
        // Registration fixes the ids, which are on the wire between workers and in state snapshots:
        // append only, never reorder.
        kryo.register(LinkedHashMap.class, 100);
        kryo.register(HashMap.class, 101);
        kryo.register(ArrayList.class, 102);
        kryo.register(LinkedHashSet.class, 103);
        kryo.register(HashSet.class, 104);
        kryo.register(BigInteger.class, 105);
        kryo.register(BigDecimal.class, 106);
        kryo.register(Object[].class, 107);
        kryo.register(String[].class, 108);
        kryo.register(WindowPartial.class, 109);
        // Window state keys carry a window, and timers a window too: by id and two numbers, not a class name and
        // reflective record access per state access.
        kryo.register(TimeWindow.class, new TimeWindowSerializer(), 110);
        kryo.register(GlobalWindow.class, 111);
        kryo.register(PersistedTimer.class, new PersistedTimer.KryoSerializer(), 112);
        return kryo;
    }

    private static final class TimeWindowSerializer extends Serializer<TimeWindow> {

        TimeWindowSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, TimeWindow window) {
            output.writeVarLong(window.start(), false);
            output.writeVarLong(window.end(), false);
        }

        @Override
        public TimeWindow read(Kryo kryo, Input input, Class<? extends TimeWindow> type) {
            return new TimeWindow(input.readVarLong(false), input.readVarLong(false));
        }
    }
}
