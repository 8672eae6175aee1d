package io.sluice.runtime.timer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * A timer as kept in keyed state: the namespace of its entry (the key is the state's key; the value, the sequence
 * number that orders timers due at the same time).
 */
public record PersistedTimer(boolean eventTime, Object namespace, long timestamp) {

    /** Its Kryo form: a flag, the namespace, the time (registered in {@code RecordKryo}). */
    public static final class KryoSerializer extends Serializer<PersistedTimer> {

        public KryoSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, PersistedTimer timer) {
            output.writeBoolean(timer.eventTime());
            kryo.writeClassAndObject(output, timer.namespace());
            output.writeVarLong(timer.timestamp(), false);
        }

        @Override
        public PersistedTimer read(Kryo kryo, Input input, Class<? extends PersistedTimer> type) {
            return new PersistedTimer(input.readBoolean(), kryo.readClassAndObject(input), input.readVarLong(false));
        }
    }
}
