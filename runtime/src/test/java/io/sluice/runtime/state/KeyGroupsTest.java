package io.sluice.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyGroupsTest {

    @Test
    void keyGroupRangesAreContiguousAndCoverEverySubtask() {
        for (int maxParallelism : new int[] {1, 7, 128, 1000}) {
            for (int parallelism = 1; parallelism <= Math.min(maxParallelism, 64); parallelism++) {
                int[] owned = new int[parallelism];
                int previous = 0;
                for (int keyGroup = 0; keyGroup < maxParallelism; keyGroup++) {
                    int subtask = KeyGroups.subtaskFor(keyGroup, maxParallelism, parallelism);
                    assertThat(subtask).isBetween(previous, previous + 1);
                    owned[subtask]++;
                    previous = subtask;
                }
                assertThat(previous).isEqualTo(parallelism - 1);
                int min = java.util.Arrays.stream(owned).min().orElseThrow();
                int max = java.util.Arrays.stream(owned).max().orElseThrow();
                assertThat(min).as("every subtask owns key groups").isPositive();
                assertThat(max - min).as("ranges differ by at most one").isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void keyGroupsAreInRangeForNegativeHashCodes() {
        for (int i = -10_000; i < 10_000; i++) {
            assertThat(KeyGroups.keyGroupFor(i, 128)).isBetween(0, 127);
        }
        assertThat(KeyGroups.keyGroupFor(Integer.MIN_VALUE, 128)).isBetween(0, 127);
    }

    @Test
    void keyGroupsFollowTheHashCodeOnly() {
        assertThat(KeyGroups.keyGroupFor("word", 128)).isEqualTo(KeyGroups.keyGroupFor(new String("word"), 128));
        assertThat(KeyGroups.keyGroupFor(42L, 128)).isEqualTo(KeyGroups.keyGroupFor(Long.valueOf(42).hashCode(), 128));
    }

    @Test
    void mixingSpreadsSequentialKeys() {
        Set<Integer> groups = new HashSet<>();
        for (int key = 0; key < 128; key++) {
            groups.add(KeyGroups.keyGroupFor(key, 128));
        }
        // Without mixing, keys 0..127 would hit every group exactly once (identity); with a good mix about
        // 1 - 1/e of the groups are hit, and keys 0..7 are not simply groups 0..7.
        assertThat(groups.size()).isBetween(60, 110);
        assertThat(KeyGroups.mix(1)).isNotEqualTo(1);
    }

    @Test
    void murmurFinalizerMatchesItsDefinition() {
        int h = 0x12345678;
        int expected = h ^ (h >>> 16);
        expected *= 0x85ebca6b;
        expected ^= expected >>> 13;
        expected *= 0xc2b2ae35;
        expected ^= expected >>> 16;
        assertThat(KeyGroups.mix(h)).isEqualTo(expected);
        assertThat(KeyGroups.mix(0)).isZero();
    }

    @Test
    void nullKeysAreRejected() {
        assertThatThrownBy(() -> KeyGroups.keyGroupFor(null, 128)).hasMessageContaining("key is null");
    }
}
