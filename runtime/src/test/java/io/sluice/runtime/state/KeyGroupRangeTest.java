package io.sluice.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyGroupRangeTest {

    @Test
    void aSubtaskRangeHoldsExactlyTheKeyGroupsRoutedToIt() {
        for (int maxParallelism : new int[] {1, 7, 128, 1000, 32_768}) {
            for (int parallelism : new int[] {1, 2, 3, 5, 7, 64, 127, 128, 1000}) {
                if (parallelism > maxParallelism) {
                    continue;
                }
                int next = 0;
                for (int subtask = 0; subtask < parallelism; subtask++) {
                    KeyGroupRange range = KeyGroupRange.computeRange(maxParallelism, parallelism, subtask);
                    assertThat(range.first()).as("contiguous after subtask %d", subtask - 1).isEqualTo(next);
                    for (int keyGroup = range.first(); keyGroup <= range.last(); keyGroup++) {
                        assertThat(KeyGroups.subtaskFor(keyGroup, maxParallelism, parallelism)).isEqualTo(subtask);
                    }
                    next = range.last() + 1;
                }
                assertThat(next).as("ranges cover all key groups").isEqualTo(maxParallelism);
            }
        }
    }

    @Test
    void rangesOfTwoAndThreeSubtasksOf128() {
        assertThat(KeyGroupRange.computeRange(128, 2, 0)).isEqualTo(new KeyGroupRange(0, 63));
        assertThat(KeyGroupRange.computeRange(128, 2, 1)).isEqualTo(new KeyGroupRange(64, 127));
        assertThat(KeyGroupRange.computeRange(128, 3, 0)).isEqualTo(new KeyGroupRange(0, 42));
        assertThat(KeyGroupRange.computeRange(128, 3, 1)).isEqualTo(new KeyGroupRange(43, 85));
        assertThat(KeyGroupRange.computeRange(128, 3, 2)).isEqualTo(new KeyGroupRange(86, 127));
        assertThat(KeyGroupRange.all(128).size()).isEqualTo(128);
    }

    @Test
    void rejectsImpossibleRanges() {
        assertThatThrownBy(() -> new KeyGroupRange(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyGroupRange(-1, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyGroupRange.computeRange(128, 3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyGroupRange.computeRange(4, 5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
