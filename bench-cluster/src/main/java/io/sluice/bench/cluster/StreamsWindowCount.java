package io.sluice.bench.cluster;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.TimestampExtractor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scenario (b) in Kafka Streams, for comparison: per key, a tumbling event-time window count (event time from the
 * JSON field {@code ts}, grace = Sluice's out-of-orderness), final results only ({@code suppress(untilWindowCloses)},
 * as Sluice emits), written as Sluice's JSON rows. Kafka Streams closes windows only when stream time passes them, so
 * it also reads a topic of one far-future sentinel per partition, which flushes the last windows at the end.
 *
 * <p>{@code StreamsWindowCount BOOTSTRAP INPUT SENTINELS OUTPUT exactly_once_v2|at_least_once APP_ID THREADS
 * WINDOW_MILLIS}; prints {@code first-read <millis>} once it is running.
 */
public final class StreamsWindowCount {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StreamsWindowCount() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String input = args[1];
        String sentinels = args[2];
        String output = args[3];
        String guarantee = args[4];
        String applicationId = args[5];
        int threads = Integer.parseInt(args[6]);
        Duration window = Duration.ofMillis(Long.parseLong(args[7]));

        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("kstreams").toString());
        config.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, EventTime.class);
        config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // at_least_once commits (and so flushes its output) every 30 s by default: every 1 s as Sluice checkpoints;
        // exactly_once_v2 keeps its default of 100 ms.
        if (guarantee.equals(StreamsConfig.AT_LEAST_ONCE)) {
            config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        }
        // The same producer batching as Sluice's workers and the ceiling.
        config.put(StreamsConfig.producerPrefix("linger.ms"), 5);
        config.put(StreamsConfig.producerPrefix("batch.size"), 64 * 1024);
        config.put(StreamsConfig.producerPrefix("compression.type"), "lz4");

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(List.of(input, sentinels), Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(window, Duration.ofMillis(Workload.OUT_OF_ORDERNESS_MILLIS)))
                .count()
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
                .toStream()
                .map((windowed, count) -> KeyValue.pair(windowed.key(),
                        "{\"window-start\":" + windowed.window().start() + ",\"window-end\":" + windowed.window().end()
                                + ",\"key\":\"" + windowed.key() + "\",\"count\":" + count + "}"))
                .to(output, Produced.with(Serdes.String(), Serdes.String()));

        KafkaStreams streams = new KafkaStreams(builder.build(), config);
        CountDownLatch stop = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                System.out.println("first-read " + System.currentTimeMillis());
            }
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                stop.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(10));
            stop.countDown();
        }));
        streams.start();
        stop.await();
    }

    /** Event time from the JSON field {@code ts}, as Sluice's watermark operator reads it. */
    public static final class EventTime implements TimestampExtractor {
        @Override
        public long extract(org.apache.kafka.clients.consumer.ConsumerRecord<Object, Object> record, long partitionTime) {
            JsonNode row = JSON.readTree((String) record.value());
            return row.path("ts").asLong();
        }
    }
}
