package io.sluice.runtime.local;

import io.sluice.graph.OperatorSpec;
import io.sluice.protocol.ChannelSpec;
import io.sluice.runtime.io.ChannelWriter;
import io.sluice.runtime.io.InputGate;
import io.sluice.runtime.io.SourceReader;
import io.sluice.runtime.io.TaskIo;
import io.sluice.runtime.operator.Operator;
import java.util.List;

/** A local task's I/O: in-memory channels; Kafka sources and sinks only through a delegate, if one was given. */
final class LocalTaskIo implements TaskIo {

    private final InMemoryChannels channels;
    private final ClassLoader userClassLoader;
    private final TaskIo kafka;

    /** @param kafka the task's Kafka I/O, or null when the local run has none */
    LocalTaskIo(InMemoryChannels channels, ClassLoader userClassLoader, TaskIo kafka) {
        this.channels = channels;
        this.userClassLoader = userClassLoader;
        this.kafka = kafka;
    }

    @Override
    public InputGate inputGate(List<ChannelSpec> inputs, int subtask) {
        return new InMemoryInputGate(channels, inputs, subtask, userClassLoader);
    }

    @Override
    public ChannelWriter channelWriter(ChannelSpec channel, int subtask) {
        return new InMemoryChannelWriter(channels, channel, subtask, userClassLoader);
    }

    @Override
    public SourceReader kafkaSource(OperatorSpec.KafkaSource spec) {
        return kafka().kafkaSource(spec);
    }

    @Override
    public Operator kafkaSink(OperatorSpec.KafkaSink spec) {
        return kafka().kafkaSink(spec);
    }

    private TaskIo kafka() {
        if (kafka == null) {
            throw new UnsupportedOperationException("Kafka sources and sinks cannot run in the local runner "
                    + "without Kafka I/O: use LocalJobRunner.withKafka(...) or run the job on a cluster");
        }
        return kafka;
    }
}
