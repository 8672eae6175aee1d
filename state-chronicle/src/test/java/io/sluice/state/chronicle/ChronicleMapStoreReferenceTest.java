package io.sluice.state.chronicle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Chronicle store against a heap map on random puts (values growing and shrinking), removes and reads, sized far
 * too small so that it relocates entries, adds segment tiers and rebuilds itself many times: no entry may be lost,
 * changed or revived.
 */
class ChronicleMapStoreReferenceTest {

    @TempDir
    Path directory;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3})
    void holdsExactlyWhatAHeapMapHolds(int seed) throws Exception {
        Random random = new Random(seed);
        Map<ByteBuffer, byte[]> reference = new HashMap<>();
        ChronicleMapStore store = ChronicleMapStore.open(
                ChronicleMapOptions.defaults(directory, "reference", seed).withSizing(200, 12, 8));
        try {
            for (int op = 0; op < 200_000; op++) {
                byte[] key = key(random.nextInt(5_000));
                int action = random.nextInt(10);
                if (action < 6) {
                    byte[] value = new byte[1 + (random.nextInt(8) == 0 ? random.nextInt(400) : random.nextInt(24))];
                    random.nextBytes(value);
                    store.put(key, value);
                    reference.put(ByteBuffer.wrap(key), value);
                } else if (action < 8) {
                    store.remove(key);
                    reference.remove(ByteBuffer.wrap(key));
                } else {
                    byte[] expected = reference.get(ByteBuffer.wrap(key));
                    assertThat(store.get(key)).as("op %d", op).isEqualTo(expected);
                }
            }
            Map<ByteBuffer, byte[]> stored = new HashMap<>();
            store.forEach((key, value) -> stored.put(ByteBuffer.wrap(key), value));
            assertThat(stored.keySet()).isEqualTo(reference.keySet());
            reference.forEach((key, value) -> assertThat(stored.get(key)).isEqualTo(value));
            assertThat(store.generation()).as("rebuilds").isPositive();
        } finally {
            store.dispose();
        }
    }

    /** Keys shaped like the state backend's: key group, state id, a length-prefixed key, a namespace. */
    private static byte[] key(int id) {
        byte[] key = ("k" + id).getBytes();
        ByteBuffer buffer = ByteBuffer.allocate(5 + key.length + 8);
        buffer.putShort((short) (id % 128)).putShort((short) (id % 3)).put((byte) key.length).put(key)
                .putLong(id % 7);
        return buffer.array();
    }
}
