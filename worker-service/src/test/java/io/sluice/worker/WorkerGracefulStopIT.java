package io.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.graph.EdgeSpec;
import io.sluice.graph.JobConfig;
import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.VertexSpec;
import io.sluice.protocol.ControlMessage;
import io.sluice.protocol.ControlMessage.DeployTasks;
import io.sluice.protocol.ControlMessage.Heartbeat;
import io.sluice.protocol.ControlMessage.TaskStateChanged;
import io.sluice.protocol.ControlMessage.WorkerStopping;
import io.sluice.protocol.ControlMessageCodec;
import io.sluice.protocol.ExecutionPlan;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.TaskState;
import io.sluice.protocol.Topics;
import io.sluice.protocol.WorkerId;
import io.sluice.runtime.plan.JobPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Graceful shutdown, as SIGTERM runs it (the JVM's shutdown hook closes the application context): the worker tells
 * the engine it is leaving (WorkerStopping) before it cancels its tasks, so the engine drops its slots and
 * restarts its jobs from their latest checkpoint at once, without waiting for the heartbeat timeout; the
 * cancellations it reports next are then stale for the engine. Its data directory is gone afterwards.
 */
@EmbeddedKafka(partitions = 1)
class WorkerGracefulStopIT {

    private static final WorkerId WORKER = new WorkerId("stopping-worker");

    @Test
    void a_stopping_worker_says_goodbye_before_it_cancels_its_tasks() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
        Path dataDir = Files.createTempDirectory("sluice-graceful-stop");
        ConfigurableApplicationContext worker = new SpringApplicationBuilder(WorkerApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--sluice.worker.id=" + WORKER,
                "--sluice.worker.heartbeat-interval=200ms",
                "--sluice.worker.data-dir=" + dataDir);
        try (KafkaConsumer<byte[], byte[]> status = statusConsumer(broker);
                KafkaProducer<byte[], byte[]> control = controlProducer(broker)) {
            List<ControlMessage> received = new ArrayList<>();
            await(status, received, m -> m instanceof Heartbeat);
            ExecutionPlan plan = unboundedPlan();
            TaskId task = new TaskId(plan.jobId(), "gen", 0);
            byte[] key = WORKER.value().getBytes();
            control.send(new ProducerRecord<>(Topics.CONTROL, key,
                    ControlMessageCodec.encode(new DeployTasks(WORKER, 0, plan, List.of(task)))));
            control.flush();
            await(status, received, m -> m instanceof TaskStateChanged c && c.state() == TaskState.RUNNING);
            assertThat(dataDir.resolve(WORKER.value())).isDirectory();

            worker.close();

            int goodbye = await(status, received, m -> m instanceof WorkerStopping s && s.worker().equals(WORKER));
            int canceled = await(status, received,
                    m -> m instanceof TaskStateChanged c && c.task().equals(task) && c.state() == TaskState.CANCELED);
            assertThat(goodbye).as("WorkerStopping before the task's CANCELED").isLessThan(canceled);
            assertThat(dataDir.resolve(WORKER.value())).doesNotExist();
        } finally {
            worker.close();
        }
    }

    /** Index in {@code received} of the first message that matches, polling the status topic for up to 60 s. */
    private static int await(KafkaConsumer<byte[], byte[]> status, List<ControlMessage> received,
            Predicate<ControlMessage> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int checked = 0;
        while (System.nanoTime() < deadline) {
            for (; checked < received.size(); checked++) {
                if (condition.test(received.get(checked))) {
                    return checked;
                }
            }
            for (ConsumerRecord<byte[], byte[]> record : status.poll(Duration.ofMillis(100))) {
                received.add(ControlMessageCodec.decode(record.value()));
            }
        }
        throw new AssertionError("no such message on " + Topics.STATUS + "; received " + received);
    }

    private static KafkaConsumer<byte[], byte[]> statusConsumer(EmbeddedKafkaBroker broker) {
        KafkaConsumer<byte[], byte[]> status = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        TopicPartition partition = new TopicPartition(Topics.STATUS, 0);
        status.assign(List.of(partition));
        status.seekToBeginning(List.of(partition));
        return status;
    }

    private static KafkaProducer<byte[], byte[]> controlProducer(EmbeddedKafkaBroker broker) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** An endless, slow generator printing its records: a task that runs until it is cancelled. */
    private static ExecutionPlan unboundedPlan() {
        JobGraph graph = new JobGraph(
                "graceful-stop-it",
                List.of(
                        new VertexSpec("gen", "gen", 1,
                                new OperatorSpec.GeneratorSource(OperatorSpec.GeneratorKind.SEQUENCE, -1, 10, 0, "value")),
                        new VertexSpec("out", "out", 1, new OperatorSpec.PrintSink(null))),
                List.of(EdgeSpec.forward("gen", "out")),
                JobConfig.defaults());
        return JobPlanner.plan(JobId.random(), graph);
    }
}
