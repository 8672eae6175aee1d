package io.sluice.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangedKeysTest {

    @Test
    void tracksTheDistinctKeysLikeASetOfContentsAcrossManyCheckpoints() {
        Random random = new Random(7);
        ChangedKeys changes = new ChangedKeys(1_000_000);
        changes.reset(true);
        for (int checkpoint = 0; checkpoint < 20; checkpoint++) {
            Set<String> expected = new HashSet<>();
            int writes = random.nextInt(30_000);
            for (int i = 0; i < writes; i++) {
                // a fresh array each time, as the backend encodes one per access: equal content, other identity
                byte[] key = key(random.nextInt(1 + random.nextInt(20_000)), random.nextInt(3));
                changes.record(key);
                expected.add(text(key));
            }
            List<String> tracked = changes.keys().stream().map(ChangedKeysTest::text).toList();
            assertThat(tracked).hasSameSizeAs(expected); // each once
            assertThat(new HashSet<>(tracked)).isEqualTo(expected);
            assertThat(changes.overflowed()).isFalse();
            changes.reset(true);
        }
    }

    @Test
    void overflowsOnTheKeyPastTheLimitAndForgetsUntilReset() {
        ChangedKeys changes = new ChangedKeys(100);
        changes.reset(true);
        for (int i = 0; i < 100; i++) {
            changes.record(key(i, 0));
            changes.record(key(i, 0));
        }
        assertThat(changes.overflowed()).isFalse();
        assertThat(changes.keys()).hasSize(100);

        changes.record(key(100, 0));
        assertThat(changes.overflowed()).isTrue();
        assertThat(changes.keys()).isEmpty();
        changes.record(key(5, 0));
        assertThat(changes.keys()).as("not tracking after an overflow").isEmpty();

        changes.reset(true);
        assertThat(changes.overflowed()).isFalse();
        changes.record(key(5, 0));
        assertThat(changes.keys()).extracting(ChangedKeysTest::text).containsExactly(text(key(5, 0)));
    }

    @Test
    void recordsNothingWhenNotTracking() {
        ChangedKeys changes = new ChangedKeys(10);
        changes.record(key(1, 0));
        assertThat(changes.keys()).isEmpty();
        changes.reset(true);
        changes.record(key(1, 0));
        changes.reset(false);
        assertThat(changes.keys()).isEmpty();
        changes.record(key(2, 0));
        assertThat(changes.keys()).isEmpty();
    }

    /** Shaped like a store key: key group, state id, the key, a namespace; many share all but a few bytes. */
    private static byte[] key(int k, int state) {
        return ByteBuffer.allocate(16).putShort((short) (k % 128)).putShort((short) state).putInt(k).putLong(0L)
                .array();
    }

    private static String text(byte[] key) {
        return java.util.HexFormat.of().formatHex(key);
    }
}
