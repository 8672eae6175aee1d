package io.sluice.runtime.state;

import io.sluice.api.state.StateTtlConfig;
import java.util.Arrays;

/**
 * Layout of stored values: {@code flags (1 byte) | last-write timestamp (8 bytes, if flagged) | payload}. States
 * with a time-to-live write the timestamp (epoch millis of the backend's clock); the flag makes every value
 * self-describing, so a snapshot restores whatever TTL the reading descriptor has.
 */
final class StoredValues {

    private static final byte TIMESTAMPED = 1;
    private static final int TIMESTAMP_SIZE = Long.BYTES;

    private StoredValues() {}

    static byte[] encode(boolean timestamped, long now, byte[] payload) {
        return encode(timestamped, now, payload, 0, payload.length, null);
    }

    /** A value whose payload is {@code payload[offset, offset+length)} followed by {@code suffix} (may be null). */
    static byte[] encode(boolean timestamped, long now, byte[] payload, int offset, int length, byte[] suffix) {
        int header = timestamped ? 1 + TIMESTAMP_SIZE : 1;
        int suffixLength = suffix == null ? 0 : suffix.length;
        byte[] out = new byte[header + length + suffixLength];
        if (timestamped) {
            out[0] = TIMESTAMPED;
            writeLong(out, 1, now);
        }
        System.arraycopy(payload, offset, out, header, length);
        if (suffix != null) {
            System.arraycopy(suffix, 0, out, header + length, suffixLength);
        }
        return out;
    }

    static int payloadOffset(byte[] stored) {
        return (stored[0] & TIMESTAMPED) != 0 ? 1 + TIMESTAMP_SIZE : 1;
    }

    static byte[] payload(byte[] stored) {
        return Arrays.copyOfRange(stored, payloadOffset(stored), stored.length);
    }

    /** Whether {@code ttl} (null: none) has run out for this value at {@code now}; untimestamped values never expire. */
    static boolean isExpired(byte[] stored, StateTtlConfig ttl, long now) {
        if (ttl == null || (stored[0] & TIMESTAMPED) == 0) {
            return false;
        }
        long written = readLong(stored, 1);
        long ttlMillis = ttl.ttl().toMillis();
        return now - written >= ttlMillis;
    }

    /** The same value with its timestamp set to {@code now}; untimestamped values get one. */
    static byte[] touched(byte[] stored, long now) {
        int offset = payloadOffset(stored);
        return encode(true, now, stored, offset, stored.length - offset, null);
    }

    private static void writeLong(byte[] out, int position, long value) {
        for (int i = 0; i < TIMESTAMP_SIZE; i++) {
            out[position + i] = (byte) (value >>> (56 - 8 * i));
        }
    }

    private static long readLong(byte[] in, int position) {
        long value = 0;
        for (int i = 0; i < TIMESTAMP_SIZE; i++) {
            value = (value << 8) | (in[position + i] & 0xFF);
        }
        return value;
    }
}
