package io.sluice.worker.io.kafka;

import io.sluice.api.function.KeySelector;
import io.sluice.graph.OperatorSpec;
import io.sluice.protocol.ChannelSpec;
import io.sluice.protocol.TaskId;
import io.sluice.runtime.io.ChannelWriter;
import io.sluice.runtime.io.InputGate;
import io.sluice.runtime.io.DeadLetterSink;
import io.sluice.runtime.io.SourceReader;
import io.sluice.runtime.io.StreamElementCodec;
import io.sluice.runtime.io.TaskIo;
import io.sluice.runtime.operator.Operator;
import io.sluice.runtime.operator.UserFunctions;
import java.util.List;

/**
 * The Kafka I/O of one task. Its gate and writers share one element codec: they all run on the task thread.
 */
public final class KafkaTaskIo implements TaskIo {

    private final KafkaClients clients;
    private final TaskId task;
    private final int attempt;
    private final ClassLoader userClassLoader;
    private final StreamElementCodec codec;

    public KafkaTaskIo(KafkaClients clients, TaskId task, int attempt, ClassLoader userClassLoader) {
        this.clients = clients;
        this.task = task;
        this.attempt = attempt;
        this.userClassLoader = userClassLoader;
        this.codec = new StreamElementCodec(userClassLoader);
    }

    @Override
    public InputGate inputGate(List<ChannelSpec> inputs, int subtask) {
        return new KafkaInputGate(clients.newConsumer(clientId("gate")), inputs, subtask, attempt, codec,
                clients::deleteRecordsBefore);
    }

    @Override
    public ChannelWriter channelWriter(ChannelSpec channel, int subtask) {
        clients.awaitLeaders(channel.topic());
        return new KafkaChannelWriter(clients.channelProducer(), channel, subtask, attempt, codec);
    }

    @Override
    public SourceReader kafkaSource(OperatorSpec.KafkaSource spec) {
        return new KafkaSourceReader(spec, clients, clientId("source"));
    }

    @Override
    public Operator kafkaSink(OperatorSpec.KafkaSink spec) {
        KeySelector<Object, Object> key =
                spec.key() == null ? null : UserFunctions.keySelector(spec.key(), userClassLoader);
        return new KafkaSinkOperator(spec, clients, key, clientId("sink"), task.jobId().toString());
    }

    /** The job's dead-letter topic (created with one partition if missing), on the worker's shared producer. */
    @Override
    public DeadLetterSink deadLetterSink(String topic) {
        clients.ensureTopic(topic, 1);
        return new KafkaDeadLetterSink(clients.producer(), topic, task.jobId().toString());
    }

    /** Unique per JVM (clients register metrics under their id). */
    private String clientId(String role) {
        return task.jobId() + "-" + task.chainId() + "-" + task.subtask() + "-" + attempt + "-" + role;
    }
}
