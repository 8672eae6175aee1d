package io.sluice.runtime.io;

import io.sluice.graph.OperatorSpec;
import io.sluice.protocol.ChannelSpec;
import io.sluice.runtime.operator.Operator;
import java.util.List;

/**
 * The I/O a task needs, by transport: Kafka on workers, in-memory queues in the local runner and tests.
 * One instance per task.
 */
public interface TaskIo {

    /** The gate over all input channels of the task (see {@link InputGate} for channel numbering). */
    InputGate inputGate(List<ChannelSpec> inputs, int subtask);

    /** The writer of this subtask into one output edge. */
    ChannelWriter channelWriter(ChannelSpec channel, int subtask);

    SourceReader kafkaSource(OperatorSpec.KafkaSource spec);

    /** A terminal operator writing to Kafka. */
    Operator kafkaSink(OperatorSpec.KafkaSink spec);

    /** Where the job's error policy {@code dead-letter} writes records that cannot be processed. */
    default DeadLetterSink deadLetterSink(String topic) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no dead-letter topics");
    }
}
