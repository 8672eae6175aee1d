package io.sluice.worker.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.graph.EdgeSpec;
import io.sluice.graph.ErrorPolicy;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.JobConfig;
import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.VertexSpec;
import io.sluice.protocol.ChainSpec;
import io.sluice.protocol.ExecutionPlan;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.runtime.plan.JobPlanner;
import io.sluice.runtime.task.StreamTask;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * A kafka-source topic mixing good records with malformed JSON, records missing a field and records that make an
 * expression fail, under {@code "error-policy": {"mode": "dead-letter"}}: every good record reaches the sink exactly
 * once, every bad one is in the dead-letter topic with its original bytes, the reason, the operator and its
 * topic/partition/offset.
 */
@EmbeddedKafka(partitions = 1)
class DeadLetterIT {

    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final ClassLoader LOADER = DeadLetterIT.class.getClassLoader();

    private KafkaClients clients;

    @BeforeEach
    void clients(EmbeddedKafkaBroker broker) {
        clients = new KafkaClients(broker.getBrokersAsString(), "dlq-it-" + CLIENTS.incrementAndGet());
    }

    @AfterEach
    void close() {
        clients.close();
    }

    /** What the test wrote where, and what should become of it. */
    record Sent(int partition, long offset, String value, String expectedReason, String operator) {}

    @Test
    void goodRecordsOnceAndEveryBadOneInTheDeadLetterTopicWithReasonAndCoordinates() throws Exception {
        String input = "orders-" + CLIENTS.incrementAndGet();
        String output = input + "-out";
        String deadLetters = input + "-dlq";
        createTopic(input, 2);
        createTopic(output, 1);

        List<Sent> sent = new ArrayList<>();
        Producer<byte[], byte[]> producer = clients.producer();
        for (int i = 0; i < 400; i++) {
            int partition = i % 2;
            String value;
            String reason;
            String operator;
            switch (i % 10) {
                case 3 -> { // not JSON at all
                    value = "{not json " + i;
                    reason = "not valid JSON";
                    operator = "source";
                }
                case 6 -> { // no field n
                    value = "{\"m\": " + i + ", \"id\": " + i + "}";
                    reason = "'n' cannot be found";
                    operator = "divide";
                }
                case 9 -> { // n = 0: the expression divides by zero
                    value = "{\"n\": 0, \"id\": " + i + "}";
                    reason = "by zero";
                    operator = "divide";
                }
                default -> {
                    value = "{\"n\": " + (i + 1) + ", \"id\": " + i + "}";
                    reason = null;
                    operator = null;
                }
            }
            long offset = producer.send(new ProducerRecord<>(input, partition, null, value.getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS).offset();
            sent.add(new Sent(partition, offset, value, reason, operator));
        }

        JobGraph graph = new JobGraph(
                "dead-letters",
                List.of(
                        new VertexSpec("source", "source", 2, new OperatorSpec.KafkaSource(input, null,
                                OperatorSpec.StartFrom.EARLIEST, true, OperatorSpec.RecordFormat.JSON)),
                        new VertexSpec("divide", "divide", 2, new OperatorSpec.Map(
                                new FunctionSpec.Expression("#concat(id, ':', 100000 / n)"))),
                        new VertexSpec("sink", "sink", 2, new OperatorSpec.KafkaSink(output, null, null,
                                OperatorSpec.RecordFormat.STRING, OperatorSpec.DeliveryGuarantee.AT_LEAST_ONCE))),
                List.of(EdgeSpec.forward("source", "divide"), EdgeSpec.forward("divide", "sink")),
                new JobConfig(2, JobConfig.DEFAULT_MAX_PARALLELISM, null, null, null, null,
                        new ErrorPolicy(ErrorPolicy.Mode.DEAD_LETTER, deadLetters)));
        ExecutionPlan plan = JobPlanner.plan(JobId.random(), graph);
        assertThat(plan.chains()).extracting(ChainSpec::vertexIds).containsExactly(List.of("source", "divide", "sink"));

        List<StreamTask> tasks = runToEnd(plan);

        List<String> expectedOutput = new ArrayList<>();
        for (Sent s : sent) {
            if (s.expectedReason() == null) {
                String id = s.value().replaceAll(".*\"id\": (\\d+).*", "$1");
                long n = Long.parseLong(s.value().replaceAll(".*\"n\": (\\d+).*", "$1"));
                expectedOutput.add(id + ":" + (100000 / n));
            }
        }
        List<String> outputValues = read(output).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertThat(outputValues).containsExactlyInAnyOrderElementsOf(expectedOutput);

        List<ConsumerRecord<byte[], byte[]>> letters = read(deadLetters);
        List<Sent> bad = sent.stream().filter(s -> s.expectedReason() != null).toList();
        assertThat(letters).hasSize(bad.size());
        Map<String, ConsumerRecord<byte[], byte[]>> byCoordinates = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            byCoordinates.put(header(letter, KafkaDeadLetterSink.SOURCE_PARTITION) + "@"
                    + header(letter, KafkaDeadLetterSink.SOURCE_OFFSET), letter);
        }
        for (Sent s : bad) {
            ConsumerRecord<byte[], byte[]> letter = byCoordinates.get(s.partition() + "@" + s.offset());
            assertThat(letter).as("dead letter of %s", s).isNotNull();
            assertThat(header(letter, KafkaDeadLetterSink.SOURCE_TOPIC)).isEqualTo(input);
            assertThat(header(letter, KafkaDeadLetterSink.OPERATOR)).isEqualTo(s.operator());
            assertThat(header(letter, KafkaDeadLetterSink.ERROR)).contains(s.expectedReason());
            assertThat(header(letter, KafkaDeadLetterSink.JOB)).isEqualTo(plan.jobId().toString());
            if (s.operator().equals("source")) {
                assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo(s.value());
            } else {
                assertThat(new String(letter.value(), StandardCharsets.UTF_8).replace(" ", ""))
                        .isEqualTo(s.value().replace(" ", ""));
            }
        }
        Map<String, Long> deadLettered = new HashMap<>();
        for (StreamTask task : tasks) {
            task.recordErrorCounts().forEach((vertex, counts) -> deadLettered.merge(vertex, counts.deadLettered(), Long::sum));
        }
        assertThat(deadLettered).isEqualTo(Map.of(
                "source", bad.stream().filter(s -> s.operator().equals("source")).count(),
                "divide", bad.stream().filter(s -> s.operator().equals("divide")).count()));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private List<StreamTask> runToEnd(ExecutionPlan plan) throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool();
        List<StreamTask> tasks = new ArrayList<>();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (ChainSpec chain : plan.chains()) {
                for (int subtask = 0; subtask < chain.parallelism(); subtask++) {
                    TaskId id = new TaskId(plan.jobId(), chain.id(), subtask);
                    StreamTask task = new StreamTask(
                            plan, id, 1, new KafkaTaskIo(clients, id, 1, LOADER), LOADER, Clock.systemUTC());
                    tasks.add(task);
                    running.add(threads.submit(() -> {
                        task.run();
                        return null;
                    }));
                }
            }
            for (Future<?> task : running) {
                task.get(90, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        return tasks;
    }

    private List<ConsumerRecord<byte[], byte[]>> read(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = clients.newConsumer("reader-" + topic)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, clients.bootstrapServers()))) {
            admin.createTopics(Set.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }
}
