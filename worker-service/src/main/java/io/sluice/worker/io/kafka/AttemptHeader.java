package io.sluice.worker.io.kafka;

import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The {@code sluice.attempt} header on every record of an internal channel: the attempt of the task that wrote it,
 * a 4-byte big-endian int. Readers drop records of older attempts (writers that died or were replaced).
 */
final class AttemptHeader {

    static final String NAME = "sluice.attempt";

    private AttemptHeader() {}

    static Header of(int attempt) {
        return new RecordHeader(NAME, ByteBuffer.allocate(Integer.BYTES).putInt(attempt).array());
    }

    /** The attempt of a record; throws if the header is missing or malformed: only Sluice writes these topics. */
    static int read(Headers headers) {
        Header header = headers.lastHeader(NAME);
        if (header == null || header.value() == null || header.value().length != Integer.BYTES) {
            throw new IllegalStateException("record without a valid " + NAME + " header on an internal channel");
        }
        return ByteBuffer.wrap(header.value()).getInt();
    }
}
