package io.sluice.local.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Prints the records of a topic as {@code key<TAB>value} lines. Reads every partition without a consumer group
 * (nothing is committed, nothing is left behind on the broker), stops after {@code max} records, or follows the
 * topic until Ctrl-C.
 */
final class TopicTail {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration WAIT_FOR_TOPIC = Duration.ofSeconds(1);

    private final String bootstrapServers;
    private final String topic;
    private final boolean fromBeginning;
    private final long max;
    private final PrintStream out;
    private final PrintStream err;

    /** {@code max} ≤ 0 means follow without limit. */
    TopicTail(String bootstrapServers, String topic, boolean fromBeginning, long max, PrintStream out, PrintStream err) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.fromBeginning = fromBeginning;
        this.max = max;
        this.out = out;
        this.err = err;
    }

    int run() {
        checkReachable();
        CountDownLatch closed = new CountDownLatch(1);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig());
        // Ctrl-C: wake the consumer out of poll, then let the JVM exit only once it is closed.
        Thread stopper = new Thread(() -> {
            consumer.wakeup();
            awaitQuietly(closed);
        }, "tail-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try (consumer) {
            List<TopicPartition> partitions = partitions(consumer);
            // A topic that appears while we wait holds only new records: show them all.
            boolean created = partitions.isEmpty();
            if (created) {
                partitions = awaitPartitions(consumer);
            }
            consumer.assign(partitions);
            if (fromBeginning || created) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            print(consumer);
        } catch (WakeupException stoppedByCtrlC) {
            // the normal end of following a topic
        } catch (KafkaException e) {
            throw new CliException(ExitCodes.FAILED, "reading " + topic + " from " + bootstrapServers + " failed: "
                    + e.getMessage());
        } finally {
            out.flush();
            closed.countDown();
            removeHook(stopper);
        }
        return ExitCodes.OK;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C arrived: the hook is running and returns now that the consumer is closed
        }
    }

    private void print(KafkaConsumer<byte[], byte[]> consumer) {
        long printed = 0;
        while (max <= 0 || printed < max) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                out.print(text(record.key()));
                out.print('\t');
                out.println(text(record.value()));
                if (++printed == max) {
                    break;
                }
            }
            out.flush();
        }
    }

    /** The sink may not have created the topic yet (the job just started): wait for it rather than fail. */
    private List<TopicPartition> awaitPartitions(KafkaConsumer<byte[], byte[]> consumer) {
        err.println("Waiting for topic " + topic + " to be created (Ctrl-C to stop)…");
        List<TopicPartition> partitions = List.of();
        while (partitions.isEmpty()) {
            try {
                Thread.sleep(WAIT_FOR_TOPIC.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCodes.FAILED, "interrupted while waiting for topic " + topic);
            }
            partitions = partitions(consumer);
        }
        return partitions;
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        return infos == null
                ? List.of()
                : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    /** Kafka clients retry an absent broker for a minute while logging warnings; say it plainly instead. */
    private void checkReachable() {
        String first = bootstrapServers.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))),
                    3000);
        } catch (IOException | RuntimeException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "Kafka not reachable at " + bootstrapServers
                    + " — start the cluster with ./sluice local, or pass --bootstrap host:port");
        }
    }

    private Properties consumerConfig() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "sluice-tail");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Looking at a topic must not create it (the broker would, with one partition).
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // Show only committed output of exactly-once sinks, as their readers would see it.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }

    private static void awaitQuietly(CountDownLatch done) {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
