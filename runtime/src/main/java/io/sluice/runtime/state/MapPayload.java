package io.sluice.runtime.state;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Layout of a map state's payload: its entries back to back, each {@code key length (varint) | key | value length
 * (varint) | value} with serialized user keys and values. A lookup compares key bytes without deserializing;
 * a change rewrites the key's map. One stored value per key (rather than per user key) because hash stores cannot
 * scan a key's entries by prefix; suits the moderate maps of per-key state.
 */
final class MapPayload {

    private MapPayload() {}

    /** The serialized value of {@code key}, or null when absent. */
    static byte[] find(byte[] payload, byte[] key) {
        Input in = new Input(payload);
        while (in.position() < in.limit()) {
            int keyLength = in.readVarInt(true);
            int keyStart = in.position();
            boolean match = keyLength == key.length
                    && Arrays.equals(payload, keyStart, keyStart + keyLength, key, 0, key.length);
            in.setPosition(keyStart + keyLength);
            int valueLength = in.readVarInt(true);
            if (match) {
                return in.readBytes(valueLength);
            }
            in.setPosition(in.position() + valueLength);
        }
        return null;
    }

    /** The entries as serialized key to serialized value, in payload order. */
    static LinkedHashMap<ByteKey, byte[]> parse(byte[] payload) {
        LinkedHashMap<ByteKey, byte[]> entries = new LinkedHashMap<>();
        if (payload == null) {
            return entries;
        }
        Input in = new Input(payload);
        while (in.position() < in.limit()) {
            byte[] key = in.readBytes(in.readVarInt(true));
            entries.put(new ByteKey(key), in.readBytes(in.readVarInt(true)));
        }
        return entries;
    }

    static byte[] encode(Map<ByteKey, byte[]> entries) {
        Output out = new Output(256, -1);
        entries.forEach((key, value) -> {
            out.writeVarInt(key.bytes().length, true);
            out.writeBytes(key.bytes());
            out.writeVarInt(value.length, true);
            out.writeBytes(value);
        });
        return out.toBytes();
    }
}
