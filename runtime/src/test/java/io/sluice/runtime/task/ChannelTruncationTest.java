package io.sluice.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.runtime.io.InputGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelTruncationTest {

    private final List<List<Long>> discarded = new ArrayList<>();
    private final ChannelTruncation truncation = new ChannelTruncation(new InputGate() {
        @Override
        public int numberOfChannels() {
            return 2;
        }

        @Override
        public void poll(Duration maxWait, ElementHandler handler) {}

        @Override
        public void pause(int channel) {}

        @Override
        public void resume(int channel) {}

        @Override
        public void discardBefore(List<Long> positions) {
            discarded.add(positions);
        }

        @Override
        public void close() {}
    });

    @Test
    void aCompletedCheckpointDiscardsUpToItsOwnBarrierNotALaterOne() {
        truncation.barrier(1, List.of(5L, 7L));
        truncation.barrier(2, List.of(9L, 8L));
        truncation.completed(1);
        assertThat(discarded).containsExactly(List.of(5L, 7L));
        truncation.completed(2);
        assertThat(discarded).containsExactly(List.of(5L, 7L), List.of(9L, 8L));
    }

    @Test
    void completionSubsumesOlderCheckpointsThatNeverCompleted() {
        truncation.barrier(1, List.of(1L, 1L));
        truncation.barrier(2, List.of(2L, 2L));
        truncation.completed(2);
        truncation.completed(1); // late word of a subsumed checkpoint: its positions are gone, nothing moves back
        assertThat(discarded).containsExactly(List.of(2L, 2L));
    }

    @Test
    void aCheckpointWithoutABarrierHereDiscardsNothing() {
        truncation.completed(3);
        assertThat(discarded).isEmpty();
    }

    @Test
    void checkpointsThatNeverCompleteAreForgottenBeyondALimit() {
        for (long id = 1; id <= ChannelTruncation.MAX_PENDING + 1; id++) {
            truncation.barrier(id, List.of(id, id));
        }
        truncation.completed(1);
        assertThat(discarded).isEmpty();
        truncation.completed(2);
        assertThat(discarded).containsExactly(List.of(2L, 2L));
    }
}
