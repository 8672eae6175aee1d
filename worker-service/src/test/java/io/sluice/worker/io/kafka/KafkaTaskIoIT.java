package io.sluice.worker.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.graph.EdgeSpec;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.JobConfig;
import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.Partitioning;
import io.sluice.graph.VertexSpec;
import io.sluice.protocol.ChainSpec;
import io.sluice.protocol.ChannelSpec;
import io.sluice.protocol.ExecutionPlan;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.io.RecordFormats;
import io.sluice.runtime.io.SourceReader;
import io.sluice.runtime.io.StreamElementCodec;
import io.sluice.runtime.operator.Output;
import io.sluice.runtime.operator.SubtaskContext;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

@EmbeddedKafka(partitions = 1)
class KafkaTaskIoIT {

    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final ClassLoader LOADER = KafkaTaskIoIT.class.getClassLoader();

    private KafkaClients clients;

    @BeforeEach
    void clients(EmbeddedKafkaBroker broker) {
        clients = new KafkaClients(broker.getBrokersAsString(), "it-" + CLIENTS.incrementAndGet());
    }

    @AfterEach
    void close() {
        clients.close();
    }

    /** generator (p=2) → hash by value % 7 → count (p=2) → kafka-sink, as four tasks over Kafka channels. */
    @Test
    void two_stage_job_counts_every_key() throws Exception {
        int records = 5_000;
        int keys = 7;
        String sinkTopic = "counts-" + CLIENTS.incrementAndGet();
        JobGraph graph = new JobGraph(
                "count-by-remainder",
                List.of(
                        new VertexSpec("gen", "gen", 2,
                                new OperatorSpec.GeneratorSource(OperatorSpec.GeneratorKind.SEQUENCE, records, 0, 0, "value")),
                        new VertexSpec("count", "count", 2,
                                new OperatorSpec.Aggregate(OperatorSpec.AggregateKind.COUNT, null, "count")),
                        new VertexSpec("sink", "sink", 2, new OperatorSpec.KafkaSink(
                                sinkTopic, null, new FunctionSpec.Expression("value % " + keys),
                                OperatorSpec.RecordFormat.JSON, OperatorSpec.DeliveryGuarantee.AT_LEAST_ONCE))),
                List.of(
                        new EdgeSpec("gen", "count", Partitioning.HASH, new FunctionSpec.Expression("value % " + keys)),
                        EdgeSpec.forward("count", "sink")),
                new JobConfig(2, JobConfig.DEFAULT_MAX_PARALLELISM));
        ExecutionPlan plan = JobPlanner.plan(JobId.random(), graph);
        assertThat(plan.chains()).extracting(ChainSpec::vertexIds).containsExactly(List.of("gen"), List.of("count", "sink"));
        for (ChannelSpec channel : plan.channels()) {
            createTopic(channel.topic(), channel.partitions());
        }

        runToEnd(plan, 1);

        List<Map<String, Object>> output = readAll(sinkTopic);
        assertThat(output).hasSize(records);
        Map<String, Long> finalCounts = new HashMap<>();
        for (Map<String, Object> row : output) {
            finalCounts.merge((String) row.get("key"), ((Number) row.get("count")).longValue(), Math::max);
        }
        Map<String, Long> expected = new HashMap<>();
        for (long value = 0; value < records; value++) {
            expected.merge(Long.toString(value % keys), 1L, Long::sum);
        }
        assertThat(finalCounts).isEqualTo(expected);
    }

    @Test
    void gate_drops_records_of_older_attempts() throws Exception {
        ChannelSpec channel = channel("attempts", 2, 1);
        createTopic(channel.topic(), channel.partitions());
        StreamElementCodec codec = new StreamElementCodec(LOADER);
        Producer<byte[], byte[]> producer = clients.producer();
        send(producer, codec, channel, 0, 1, record("zombie-0"));
        send(producer, codec, channel, 0, 2, record("a"));
        send(producer, codec, channel, 1, 2, record("b"));
        send(producer, codec, channel, 0, 3, record("from-a-newer-attempt"));
        send(producer, codec, channel, 1, 1, record("zombie-1"));
        send(producer, codec, channel, 0, 2, StreamElement.EndOfInput.INSTANCE);
        send(producer, codec, channel, 1, 2, StreamElement.EndOfInput.INSTANCE);
        producer.flush();

        List<String> seen = new ArrayList<>();
        try (KafkaInputGate gate = new KafkaInputGate(clients.newConsumer("gate"), List.of(channel), 0, 2, codec,
                clients::deleteRecordsBefore)) {
            assertThat(gate.numberOfChannels()).isEqualTo(2);
            pollUntilEnded(gate, seen);
        }

        assertThat(seen).containsExactlyInAnyOrder("0:a", "0:from-a-newer-attempt", "0:end", "1:b", "1:end");
        assertThat(seen.stream().filter(s -> s.startsWith("0:"))).containsExactly("0:a", "0:from-a-newer-attempt", "0:end");
    }

    @Test
    void gate_deletes_what_a_completed_checkpoint_left_behind() throws Exception {
        ChannelSpec channel = channel("truncate", 2, 1);
        createTopic(channel.topic(), channel.partitions());
        StreamElementCodec codec = new StreamElementCodec(LOADER);
        Producer<byte[], byte[]> producer = clients.producer();
        for (int i = 0; i < 10; i++) {
            send(producer, codec, channel, 0, 0, record("a" + i));
        }
        send(producer, codec, channel, 0, 0, StreamElement.EndOfInput.INSTANCE);
        send(producer, codec, channel, 1, 0, StreamElement.EndOfInput.INSTANCE);
        producer.flush();

        try (KafkaInputGate gate = new KafkaInputGate(clients.newConsumer("gate"), List.of(channel), 0, 0, codec,
                clients::deleteRecordsBefore)) {
            pollUntilEnded(gate, new ArrayList<>());
            // As at a barrier after the 7th record of channel 0, with nothing read yet on channel 1.
            gate.discardBefore(List.of(7L, 0L));
            assertThat(awaitStart(channel.topic(), 7)).isEqualTo(List.of(7L, 0L));
            // At the ends of both channels: the last record of each stays.
            gate.discardBefore(List.of(11L, 1L));
            assertThat(awaitStart(channel.topic(), 10)).isEqualTo(List.of(10L, 0L));
        }
    }

    /** The start offsets of partitions 0 and 1, once partition 0's is {@code expected} (or after 30 s). */
    private List<Long> awaitStart(String topic, long expected) throws InterruptedException {
        TopicPartition first = new TopicPartition(topic, 0);
        TopicPartition second = new TopicPartition(topic, 1);
        try (KafkaConsumer<byte[], byte[]> consumer = clients.newConsumer("check")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Map<TopicPartition, Long> start = consumer.beginningOffsets(List.of(first, second));
            while (start.get(first) != expected && System.nanoTime() < deadline) {
                Thread.sleep(100);
                start = consumer.beginningOffsets(List.of(first, second));
            }
            return List.of(start.get(first), start.get(second));
        }
    }

    @Test
    void gate_reads_its_own_partition_of_each_upstream_and_holds_back_paused_channels() throws Exception {
        ChannelSpec channel = channel("pause", 2, 2);
        createTopic(channel.topic(), channel.partitions());
        StreamElementCodec codec = new StreamElementCodec(LOADER);
        Producer<byte[], byte[]> producer = clients.producer();
        for (int upstream = 0; upstream < 2; upstream++) {
            for (int i = 0; i < 100; i++) {
                send(producer, codec, channel, channel.partition(upstream, 1), 0, record("u" + upstream + "-" + i));
            }
            send(producer, codec, channel, channel.partition(upstream, 0), 0, record("for-subtask-0"));
            send(producer, codec, channel, channel.partition(upstream, 1), 0, StreamElement.EndOfInput.INSTANCE);
        }
        producer.flush();

        List<String> seen = new ArrayList<>();
        try (KafkaInputGate gate = new KafkaInputGate(clients.newConsumer("gate"), List.of(channel), 1, 0, codec,
                clients::deleteRecordsBefore)) {
            // Pause channel 0 at its 10th record; nothing more of it may arrive until it is resumed.
            int[] channel0 = {0};
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(seen.contains("1:end") && channel0[0] >= 10) && System.nanoTime() < deadline) {
                gate.poll(Duration.ofMillis(200), (ch, element) -> {
                    assertThat(ch == 0 && channel0[0] >= 10).as("element of a paused channel").isFalse();
                    seen.add(ch + ":" + describe(element));
                    if (ch == 0 && ++channel0[0] == 10) {
                        gate.pause(0);
                    }
                });
            }
            assertThat(channel0[0]).isEqualTo(10);
            gate.resume(0);
            pollUntilEnded(gate, seen);
        }

        List<String> expected0 = new ArrayList<>();
        List<String> expected1 = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected0.add("0:u0-" + i);
            expected1.add("1:u1-" + i);
        }
        expected0.add("0:end");
        expected1.add("1:end");
        assertThat(seen.stream().filter(s -> s.startsWith("0:"))).containsExactlyElementsOf(expected0);
        assertThat(seen.stream().filter(s -> s.startsWith("1:"))).containsExactlyElementsOf(expected1);
    }

    @Test
    void bounded_source_splits_partitions_and_stops_at_the_end_offsets_seen_at_open() throws Exception {
        String topic = "source-" + CLIENTS.incrementAndGet();
        createTopic(topic, 3);
        Producer<byte[], byte[]> producer = clients.producer();
        for (int i = 0; i < 30; i++) {
            byte[] json = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(topic, i % 3, 1_000L + i, null, json));
        }
        producer.flush();
        OperatorSpec.KafkaSource spec = new OperatorSpec.KafkaSource(
                topic, null, OperatorSpec.StartFrom.EARLIEST, true, OperatorSpec.RecordFormat.JSON);

        List<Object> read0 = new ArrayList<>();
        List<Object> read1 = new ArrayList<>();
        try (KafkaSourceReader subtask0 = new KafkaSourceReader(spec, clients, "s0");
                KafkaSourceReader subtask1 = new KafkaSourceReader(spec, clients, "s1")) {
            subtask0.open(new SubtaskContext("src", 0, 2, 128, LOADER, null, Clock.systemUTC()));
            subtask1.open(new SubtaskContext("src", 1, 2, 128, LOADER, null, Clock.systemUTC()));
            // Written after open: beyond the end offsets, so not read.
            producer.send(new ProducerRecord<>(topic, 0, null, "{\"n\":99}".getBytes(StandardCharsets.UTF_8)));
            producer.flush();
            readToEnd(subtask0, read0);
            readToEnd(subtask1, read1);
        }

        List<Object> expected0 = new ArrayList<>();
        List<Object> expected1 = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Object row = Map.of("n", i, "ts", 1_000L + i);
            (i % 3 == 1 ? expected1 : expected0).add(row);
        }
        assertThat(read0).containsExactlyInAnyOrderElementsOf(expected0);
        assertThat(read1).containsExactlyInAnyOrderElementsOf(expected1);
    }

    private void runToEnd(ExecutionPlan plan, int attempt) throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (ChainSpec chain : plan.chains()) {
                for (int subtask = 0; subtask < chain.parallelism(); subtask++) {
                    TaskId id = new TaskId(plan.jobId(), chain.id(), subtask);
                    tasks.add(threads.submit(() -> {
                        new StreamTask(plan, id, attempt, new KafkaTaskIo(clients, id, attempt, LOADER), LOADER, Clock.systemUTC())
                                .run();
                        return null;
                    }));
                }
            }
            for (Future<?> task : tasks) {
                task.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Every record of the topic as {@code {key, count}}. */
    private List<Map<String, Object>> readAll(String topic) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = clients.newConsumer("reader")) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Map<?, ?> value = (Map<?, ?>) RecordFormats.decode(OperatorSpec.RecordFormat.JSON, record.value());
                    rows.add(Map.of("key", new String(record.key(), StandardCharsets.UTF_8), "count", value.get("count")));
                }
            }
        }
        return rows;
    }

    private static void pollUntilEnded(KafkaInputGate gate, List<String> seen) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (seen.stream().filter(s -> s.endsWith(":end")).count() < gate.numberOfChannels()
                && System.nanoTime() < deadline) {
            gate.poll(Duration.ofMillis(200), (channel, element) -> seen.add(channel + ":" + describe(element)));
        }
    }

    private static void readToEnd(KafkaSourceReader reader, List<Object> into) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Output output = new Output() {
            @Override
            public void collect(Object record, long timestamp) {
                Map<Object, Object> row = new HashMap<>((Map<?, ?>) record);
                row.put("ts", timestamp);
                into.add(row);
            }

            @Override
            public void emitWatermark(long watermark) {}
        };
        while (reader.pollNext(output) != SourceReader.Status.END_OF_INPUT) {
            assertThat(System.nanoTime()).as("source ends in time").isLessThan(deadline);
        }
    }

    private static String describe(StreamElement element) {
        return element instanceof StreamElement.Record record ? String.valueOf(record.value()) : "end";
    }

    private static StreamElement record(String value) {
        return new StreamElement.Record(value, StreamElement.NO_TIMESTAMP);
    }

    private static void send(
            Producer<byte[], byte[]> producer, StreamElementCodec codec, ChannelSpec channel, int partition, int attempt,
            StreamElement element) {
        producer.send(new ProducerRecord<>(
                channel.topic(), partition, null, null, codec.encode(element), List.of(AttemptHeader.of(attempt))));
    }

    private static ChannelSpec channel(String name, int upstream, int downstream) {
        String topic = "sluice.test." + name + "-" + CLIENTS.incrementAndGet();
        return new ChannelSpec(topic, EdgeSpec.forward("a", "b"), "a", "b", upstream, downstream);
    }

    private void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, clients.bootstrapServers()))) {
            admin.createTopics(Set.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }
}
