package io.sluice.runtime.state;

import java.util.Arrays;

/**
 * Layout of store keys: {@code key group (2 bytes) | state id (2 bytes) | key length (varint) | key | namespace}.
 * The key group comes first so a key's group is read without decoding it; the namespace takes the rest (empty for
 * the default namespace). State ids are local to one backend: snapshots carry state names instead.
 */
final class StoreKeys {

    static final int MAX_STATE_ID = 0xFFFF;

    private StoreKeys() {}

    /** A store key split into its parts. */
    record Parts(int keyGroup, int stateId, byte[] key, byte[] namespace) {}

    static byte[] encode(int keyGroup, int stateId, byte[] key, byte[] namespace) {
        int lengthSize = varIntSize(key.length);
        byte[] out = new byte[4 + lengthSize + key.length + namespace.length];
        out[0] = (byte) (keyGroup >>> 8);
        out[1] = (byte) keyGroup;
        out[2] = (byte) (stateId >>> 8);
        out[3] = (byte) stateId;
        int position = writeVarInt(out, 4, key.length);
        System.arraycopy(key, 0, out, position, key.length);
        System.arraycopy(namespace, 0, out, position + key.length, namespace.length);
        return out;
    }

    static int keyGroup(byte[] storeKey) {
        return ((storeKey[0] & 0xFF) << 8) | (storeKey[1] & 0xFF);
    }

    static int stateId(byte[] storeKey) {
        return ((storeKey[2] & 0xFF) << 8) | (storeKey[3] & 0xFF);
    }

    static Parts decode(byte[] storeKey) {
        int keyLength = 0;
        int shift = 0;
        int position = 4;
        byte b;
        do {
            b = storeKey[position++];
            keyLength |= (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        int namespaceStart = position + keyLength;
        return new Parts(keyGroup(storeKey), stateId(storeKey),
                Arrays.copyOfRange(storeKey, position, namespaceStart),
                Arrays.copyOfRange(storeKey, namespaceStart, storeKey.length));
    }

    private static int varIntSize(int value) {
        int size = 1;
        for (int rest = value >>> 7; rest != 0; rest >>>= 7) {
            size++;
        }
        return size;
    }

    private static int writeVarInt(byte[] out, int position, int value) {
        int p = position;
        int rest = value;
        while ((rest & ~0x7F) != 0) {
            out[p++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out[p++] = (byte) rest;
        return p;
    }
}
