package io.sluice.worker.task;

import io.sluice.graph.OperatorSpec;
import io.sluice.protocol.ChannelSpec;
import io.sluice.runtime.io.ChannelWriter;
import io.sluice.runtime.io.InputGate;
import io.sluice.runtime.io.SourceReader;
import io.sluice.runtime.io.TaskIo;
import io.sluice.runtime.operator.Operator;
import java.util.List;

/** Task I/O for single-chain plans: channels are not expected; Kafka sources come from the given reader. */
final class FakeTaskIo implements TaskIo {

    private final SourceReader kafkaSource;

    FakeTaskIo(SourceReader kafkaSource) {
        this.kafkaSource = kafkaSource;
    }

    @Override
    public InputGate inputGate(List<ChannelSpec> inputs, int subtask) {
        throw new UnsupportedOperationException("single-chain plans have no input channels");
    }

    @Override
    public ChannelWriter channelWriter(ChannelSpec channel, int subtask) {
        throw new UnsupportedOperationException("single-chain plans have no output channels");
    }

    @Override
    public SourceReader kafkaSource(OperatorSpec.KafkaSource spec) {
        return kafkaSource;
    }

    @Override
    public Operator kafkaSink(OperatorSpec.KafkaSink spec) {
        throw new UnsupportedOperationException("no Kafka sinks here");
    }
}
