package io.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.graph.EdgeSpec;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.JobConfig;
import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.VertexSpec;
import io.sluice.protocol.ControlMessage;
import io.sluice.protocol.ControlMessage.CancelJob;
import io.sluice.protocol.ControlMessage.DeployTasks;
import io.sluice.protocol.ControlMessage.Heartbeat;
import io.sluice.protocol.ControlMessage.TaskStateChanged;
import io.sluice.protocol.ControlMessageCodec;
import io.sluice.protocol.ExecutionPlan;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.TaskState;
import io.sluice.protocol.Topics;
import io.sluice.protocol.WorkerId;
import io.sluice.runtime.plan.JobPlanner;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The worker as the engine sees it: heartbeats and task states on the status topic, commands on the control topic. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.worker.id=" + WorkerApplicationIT.WORKER, "sluice.worker.heartbeat-interval=200ms"})
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@AutoConfigureWebTestClient(timeout = "30s") // a loaded 2-core CI machine can take over 5 s (the default)
class WorkerApplicationIT {

    static final String WORKER = "it-worker";
    private static final WorkerId WORKER_ID = new WorkerId(WORKER);

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    WebTestClient web;

    @LocalServerPort
    int port;

    private KafkaConsumer<byte[], byte[]> status;
    private KafkaProducer<byte[], byte[]> control;

    @BeforeEach
    void clients() {
        status = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        control = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        TopicPartition partition = new TopicPartition(Topics.STATUS, 0);
        status.assign(List.of(partition));
        status.seekToBeginning(List.of(partition));
    }

    @AfterEach
    void close() {
        status.close();
        control.close();
    }

    @Test
    void registers_runs_deployed_tasks_and_cancels_them() {
        Heartbeat first = (Heartbeat) await(m -> m instanceof Heartbeat);
        assertThat(first.worker()).isEqualTo(WORKER_ID);
        assertThat(first.slots()).isEqualTo(2);
        assertThat(first.address()).endsWith(":" + port);
        assertThat(first.runningTasks()).isEmpty();

        // Commands for another worker are not ours.
        ExecutionPlan bounded = plan(5);
        TaskId boundedTask = new TaskId(bounded.jobId(), "gen", 0);
        send(new DeployTasks(new WorkerId("someone-else"), 1, bounded, List.of(boundedTask)));
        send(new DeployTasks(WORKER_ID, 1, bounded, List.of(boundedTask)));
        assertThat(awaitState(boundedTask, TaskState.RUNNING).attempt()).isEqualTo(1);
        awaitState(boundedTask, TaskState.FINISHED);

        ExecutionPlan unbounded = plan(-1);
        TaskId unboundedTask = new TaskId(unbounded.jobId(), "gen", 0);
        send(new DeployTasks(WORKER_ID, 1, unbounded, List.of(unboundedTask)));
        awaitState(unboundedTask, TaskState.RUNNING);
        await(m -> m instanceof Heartbeat h && h.runningTasks().equals(List.of(unboundedTask)));
        send(new CancelJob(WORKER_ID, unbounded.jobId()));
        awaitState(unboundedTask, TaskState.CANCELED);
        await(m -> m instanceof Heartbeat h && h.runningTasks().isEmpty());

        // Had the other worker's command run here, the task would have started twice (or been refused).
        assertThat(received).filteredOn(m -> m instanceof TaskStateChanged c && c.task().equals(boundedTask)
                        && c.state() == TaskState.RUNNING)
                .hasSize(1);
        assertThat(received).noneMatch(m -> m instanceof TaskStateChanged c && c.state() == TaskState.FAILED);
    }

    @Test
    void health_is_up() {
        web.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("UP");
    }

    private TaskStateChanged awaitState(TaskId task, TaskState state) {
        return (TaskStateChanged) await(m -> m instanceof TaskStateChanged c && c.task().equals(task) && c.state() == state);
    }

    private final List<ControlMessage> received = new ArrayList<>();

    private ControlMessage await(Predicate<ControlMessage> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int checked = 0;
        while (System.nanoTime() < deadline) {
            for (; checked < received.size(); checked++) {
                if (condition.test(received.get(checked))) {
                    return received.get(checked);
                }
            }
            for (ConsumerRecord<byte[], byte[]> record : status.poll(Duration.ofMillis(100))) {
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(WORKER);
                received.add(ControlMessageCodec.decode(record.value()));
            }
        }
        throw new AssertionError("no such message on " + Topics.STATUS + "; received " + received);
    }

    private void send(ControlMessage.ToWorker command) {
        byte[] key = command.worker().value().getBytes(StandardCharsets.UTF_8);
        control.send(new ProducerRecord<>(Topics.CONTROL, key, ControlMessageCodec.encode(command)));
        control.flush();
    }

    /** A generator of {@code count} records (unbounded if negative) whose records a filter drops. */
    private static ExecutionPlan plan(long count) {
        JobGraph graph = new JobGraph(
                "worker-it",
                List.of(
                        new VertexSpec("gen", "gen", 1,
                                new OperatorSpec.GeneratorSource(OperatorSpec.GeneratorKind.SEQUENCE, count, 0, 0, "value")),
                        new VertexSpec("none", "none", 1, new OperatorSpec.Filter(new FunctionSpec.Expression("false"))),
                        new VertexSpec("out", "out", 1, new OperatorSpec.PrintSink(null))),
                List.of(EdgeSpec.forward("gen", "none"), EdgeSpec.forward("none", "out")),
                JobConfig.defaults());
        return JobPlanner.plan(JobId.random(), graph);
    }
}
