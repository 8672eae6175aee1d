package io.sluice.runtime.metrics;

import io.sluice.protocol.ChannelSpec;
import io.sluice.protocol.SubtaskMetrics;
import io.sluice.protocol.TaskId;
import io.sluice.runtime.io.ChannelWriter;
import io.sluice.runtime.io.InputGate;
import io.sluice.runtime.operator.Output;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures one task attempt and publishes a {@link SubtaskMetrics} at most every {@link #INTERVAL_NANOS}, and at
 * the end. Time is split as Flink splits it: idle (waiting for input, and flushing output when there is none),
 * back-pressured (blocked writing output), busy (the rest). Input lag is sampled every {@link #SAMPLE_NANOS}. Task thread only: the counters are plain
 * fields, and each publication is an immutable snapshot.
 */
public final class TaskMetricsCollector {

    static final long INTERVAL_NANOS = 1_000_000_000L;
    static final long SAMPLE_NANOS = 100_000_000L;
    /**
     * An input is backlogged while more records wait than one fetch brings (Kafka's default max.poll.records):
     * its upstream produces faster than this task consumes.
     */
    static final long BACKLOG_RECORDS = 500;

    private final TaskId task;
    private final int attempt;
    private final TaskMetrics sink;
    private final List<OperatorCounters> operators = new ArrayList<>();
    private final List<ChannelWriter> writers = new ArrayList<>();
    private InputGate gate;
    /** Per input edge: its first channel and channel count in the gate, its upstream vertex. */
    private final List<int[]> inputChannels = new ArrayList<>();
    private final List<String> inputSources = new ArrayList<>();
    private long[] lags = new long[0];
    private long[] backloggedNanos = new long[0];

    private long intervalStart = System.nanoTime();
    private long lastSample = intervalStart;
    private long idleNanos;
    private long backPressuredNanos;
    private long[] lastIn = new long[0];
    private long[] lastOut = new long[0];

    public TaskMetricsCollector(TaskId task, int attempt, List<String> vertexIds, TaskMetrics sink) {
        this.task = task;
        this.attempt = attempt;
        this.sink = sink;
        vertexIds.forEach(id -> operators.add(new OperatorCounters(id)));
        lastIn = new long[operators.size()];
        lastOut = new long[operators.size()];
    }

    /** The counters of the chain's operator at {@code index} (0 = head, the source if there is one). */
    public OperatorCounters operator(int index) {
        return operators.get(index);
    }

    /** Counts what operator {@code index} emits (and what the next operator of the chain receives). */
    public Output meter(Output output, int index) {
        return new MeteredOutput(output, operators.get(index),
                index + 1 < operators.size() ? operators.get(index + 1) : null);
    }

    /** Counts the time the writer blocks as back-pressure, and its bytes. */
    public ChannelWriter meter(ChannelWriter writer) {
        writers.add(writer);
        return new MeteredChannelWriter(writer, this);
    }

    /** Wraps the task's input handler so waiting for input counts as idle time. */
    public InputWaitTimer timeWaits(InputGate.ElementHandler handler) {
        return new InputWaitTimer(handler, this);
    }

    /** Watches the lag of the gate's channels, grouped by input edge. */
    public void watch(InputGate gate, List<ChannelSpec> inputs) {
        this.gate = gate;
        int first = 0;
        for (ChannelSpec input : inputs) {
            inputChannels.add(new int[] {first, input.upstreamParallelism()});
            inputSources.add(input.edge().source());
            first += input.upstreamParallelism();
        }
        lags = new long[inputs.size()];
        backloggedNanos = new long[inputs.size()];
    }

    /** The task waited this long for input. */
    public void idle(long nanos) {
        idleNanos += nanos;
    }

    void backPressured(long nanos) {
        backPressuredNanos += nanos;
    }

    /** Called once per loop iteration: samples input lag and publishes when an interval is over. */
    public void tick() {
        long now = System.nanoTime();
        if (now - lastSample >= SAMPLE_NANOS) {
            sampleLag(now - lastSample);
            lastSample = now;
        }
        if (now - intervalStart >= INTERVAL_NANOS) {
            publish(now);
        }
    }

    /** Publishes the final numbers (the task ended). */
    public void close() {
        publish(System.nanoTime());
    }

    private void sampleLag(long sinceLastSample) {
        for (int input = 0; input < lags.length; input++) {
            int[] channels = inputChannels.get(input);
            long lag = 0;
            for (int channel = channels[0]; channel < channels[0] + channels[1] && lag >= 0; channel++) {
                long channelLag = gate.lag(channel);
                lag = channelLag < 0 ? -1 : lag + channelLag;
            }
            lags[input] = lag;
            if (lag > BACKLOG_RECORDS) {
                backloggedNanos[input] += sinceLastSample;
            }
        }
    }

    private void publish(long now) {
        double elapsed = Math.max(1, now - intervalStart);
        double idle = Math.min(1, idleNanos / elapsed);
        double backPressured = Math.min(1 - idle, backPressuredNanos / elapsed);
        double seconds = elapsed / 1e9;
        List<SubtaskMetrics.OperatorMetrics> operatorMetrics = new ArrayList<>();
        for (int i = 0; i < operators.size(); i++) {
            OperatorCounters c = operators.get(i);
            operatorMetrics.add(new SubtaskMetrics.OperatorMetrics(c.vertexId(), c.recordsIn, c.recordsOut,
                    (c.recordsIn - lastIn[i]) / seconds, (c.recordsOut - lastOut[i]) / seconds,
                    c.inputWatermark, c.outputWatermark));
            lastIn[i] = c.recordsIn;
            lastOut[i] = c.recordsOut;
        }
        List<SubtaskMetrics.InputMetrics> inputs = new ArrayList<>();
        for (int input = 0; input < lags.length; input++) {
            inputs.add(new SubtaskMetrics.InputMetrics(
                    inputSources.get(input), lags[input], Math.min(1, backloggedNanos[input] / elapsed)));
            backloggedNanos[input] = 0;
        }
        long bytesOut = writers.stream().mapToLong(ChannelWriter::bytesWritten).sum();
        long bytesIn = gate == null ? 0 : gate.bytesRead();
        sink.publish(new SubtaskMetrics(task, attempt, System.currentTimeMillis(), Math.max(0, 1 - idle - backPressured),
                idle, backPressured, bytesIn, bytesOut, operatorMetrics, inputs));
        intervalStart = now;
        idleNanos = 0;
        backPressuredNanos = 0;
    }
}
