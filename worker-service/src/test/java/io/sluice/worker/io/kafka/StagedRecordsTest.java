package io.sluice.worker.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StagedRecordsTest {

    /** Records of random sizes, some larger than a chunk, some without key or timestamp. */
    private static List<SinkRecord> records(int count) {
        SplittableRandom random = new SplittableRandom(3);
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] key = random.nextInt(5) == 0 ? null : bytes(random, random.nextInt(20));
            int valueSize = random.nextInt(200) == 0 ? 40_000 + random.nextInt(2_000_000) : random.nextInt(300);
            records.add(new SinkRecord(key, bytes(random, valueSize), random.nextBoolean() ? null : random.nextLong()));
        }
        return records;
    }

    private static byte[] bytes(SplittableRandom random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static List<SinkRecord> decoded(Iterable<SinkRecord> staged) {
        List<SinkRecord> records = new ArrayList<>();
        staged.forEach(records::add);
        return records;
    }

    private static void assertSame(List<SinkRecord> actual, List<SinkRecord> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).key()).as("key %d", i).isEqualTo(expected.get(i).key());
            assertThat(actual.get(i).value()).as("value %d", i).isEqualTo(expected.get(i).value());
            assertThat(actual.get(i).timestamp()).as("timestamp %d", i).isEqualTo(expected.get(i).timestamp());
        }
    }

    @Test
    void recordsComeBackInOrderAcrossChunksAndThroughTheStateEncoding() throws Exception {
        List<SinkRecord> records = records(5_000);
        StagedRecords staged = new StagedRecords();
        records.forEach(staged::add);
        assertThat(staged.size()).isEqualTo(5_000);
        assertSame(decoded(staged), records);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            staged.writeTo(out);
        }
        assertThat(bytes.size()).isEqualTo(4 + staged.bytes());
        StagedRecords read = StagedRecords.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertSame(decoded(read), records);
    }

    @Test
    void concatenatedEpochsSkipEmptyOnesAndKeepTheirOrder() {
        List<SinkRecord> records = records(300);
        StagedRecords first = new StagedRecords();
        StagedRecords second = new StagedRecords();
        records.subList(0, 100).forEach(first::add);
        records.subList(100, 300).forEach(second::add);

        assertSame(decoded(StagedRecords.concat(List.of(new StagedRecords(), first, new StagedRecords(), second))),
                records);
    }
}
