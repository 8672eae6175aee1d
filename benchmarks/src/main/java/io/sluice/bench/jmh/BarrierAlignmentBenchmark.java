package io.sluice.bench.jmh;

import io.sluice.runtime.StreamElement;
import io.sluice.runtime.checkpoint.AlignmentEvent;
import io.sluice.runtime.checkpoint.BarrierAligner;
import io.sluice.runtime.checkpoint.ChannelControl;
import io.sluice.runtime.checkpoint.CheckpointingMode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The bookkeeping of {@link BarrierAligner} (exactly once) for one checkpoint: its barrier arrives on every input
 * channel in turn, each pausing its channel, until the last completes the alignment, triggers the snapshot and
 * resumes the others. Pausing and resuming cost nothing here (no-op {@link ChannelControl}), so this measures the
 * aligner alone. One op is one full alignment over all channels.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class BarrierAlignmentBenchmark {

    private static final ChannelControl NO_OP = ChannelControl.of(channel -> {}, channel -> {});

    @Param({"4", "16", "64"})
    public int channels;

    private BarrierAligner aligner;
    private long checkpointId;

    @Setup
    public void setUp() {
        aligner = new BarrierAligner(channels, CheckpointingMode.EXACTLY_ONCE, NO_OP);
        StreamElement.CheckpointBarrier barrier = nextBarrier();
        List<AlignmentEvent> last = List.of();
        for (int channel = 0; channel < channels; channel++) {
            last = aligner.onBarrier(channel, barrier);
            if (channel < channels - 1 && !last.isEmpty()) {
                throw new IllegalStateException("alignment ended early on channel " + channel + ": " + last);
            }
        }
        if (!last.equals(List.of(new AlignmentEvent.TriggerSnapshot(checkpointId, checkpointId)))) {
            throw new IllegalStateException("the last barrier did not trigger the snapshot: " + last);
        }
    }

    @Benchmark
    public void alignCheckpoint(Blackhole blackhole) {
        StreamElement.CheckpointBarrier barrier = nextBarrier();
        for (int channel = 0; channel < channels; channel++) {
            blackhole.consume(aligner.onBarrier(channel, barrier));
        }
    }

    /** The next checkpoint's barrier; its timestamp is the id, which is all the aligner needs of it. */
    private StreamElement.CheckpointBarrier nextBarrier() {
        checkpointId++;
        return new StreamElement.CheckpointBarrier(checkpointId, checkpointId);
    }
}
