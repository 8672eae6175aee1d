package io.sluice.worker.io.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's Kafka clients: settings for the cluster's broker, the producer all tasks share for their channels and
 * the one they share for everything else (both thread-safe, batching across tasks; channels compress as configured,
 * the rest with lz4). Producers are created on first use, so the worker starts without Kafka.
 */
public final class KafkaClients implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClients.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(15);
    /**
     * Channel batches are small and short-lived (deleted behind each checkpoint) and usually cross a fast network:
     * lz4 on them cost ~15% of the end-to-end throughput of benchmark (b) on loopback (docs/benchmarks.md).
     */
    public static final String DEFAULT_CHANNEL_COMPRESSION = "none";

    private final String bootstrapServers;
    private final String clientIdPrefix;
    /** Settings every client inherits: the security ones ({@link io.sluice.protocol.KafkaClientSecurity}). */
    private final Map<String, Object> common;
    /** Kafka's compression type for channel records. */
    private final String channelCompression;
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaProducer<byte[], byte[]> channelProducer;
    /** For deleting channel records behind checkpoints; created on first use. */
    private Admin truncationAdmin;
    private final AtomicBoolean truncationWarned = new AtomicBoolean();
    private boolean closed;

    /**
     * @param clientIdPrefix prefix of every client id (the worker id), so broker logs and metrics name us; client
     *     ids must be unique in a JVM
     */
    public KafkaClients(String bootstrapServers, String clientIdPrefix) {
        this(bootstrapServers, clientIdPrefix, Map.of());
    }

    /** @param common settings every client gets (SASL, TLS); each client's own settings go on top */
    public KafkaClients(String bootstrapServers, String clientIdPrefix, Map<String, Object> common) {
        this(bootstrapServers, clientIdPrefix, common, DEFAULT_CHANNEL_COMPRESSION);
    }

    /** @param channelCompression Kafka's compression type for channel records (none, gzip, snappy, lz4, zstd) */
    public KafkaClients(String bootstrapServers, String clientIdPrefix, Map<String, Object> common,
            String channelCompression) {
        this.channelCompression = channelCompression;
        this.bootstrapServers = bootstrapServers;
        this.clientIdPrefix = clientIdPrefix;
        this.common = Map.copyOf(common);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The shared producer; created on first call. */
    public synchronized Producer<byte[], byte[]> producer() {
        if (closed) {
            throw new IllegalStateException("Kafka clients are closed");
        }
        if (producer == null) {
            producer = newProducer(bootstrapServers, "producer");
        }
        return producer;
    }

    /** The producer of channel records, shared like {@link #producer()}; created on first call. */
    public synchronized Producer<byte[], byte[]> channelProducer() {
        if (closed) {
            throw new IllegalStateException("Kafka clients are closed");
        }
        if (channelProducer == null) {
            Map<String, Object> config = producerConfig(bootstrapServers, "channels");
            config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, channelCompression);
            channelProducer = new KafkaProducer<>(config);
        }
        return channelProducer;
    }

    /** A producer of its own, for a sink writing to another cluster; the caller closes it. */
    KafkaProducer<byte[], byte[]> newProducer(String bootstrap, String clientId) {
        return new KafkaProducer<>(producerConfig(bootstrap, clientId));
    }

    Map<String, Object> producerConfig(String bootstrap, String clientId) {
        Map<String, Object> config = new HashMap<>(common);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-" + clientId);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // Idempotence (the default) keeps each partition in order across retries: a partition is a FIFO channel.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Small linger and large batches: throughput without adding noticeable latency per hop.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return config;
    }

    /** A producer of its own with a transactional id (exactly-once sinks); the caller closes it. */
    KafkaProducer<byte[], byte[]> newTransactionalProducer(String bootstrap, String clientId, String transactionalId) {
        return new KafkaProducer<>(transactionalProducerConfig(bootstrap, clientId, transactionalId));
    }

    Map<String, Object> transactionalProducerConfig(String bootstrap, String clientId, String transactionalId) {
        Map<String, Object> config = producerConfig(bootstrap, clientId);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return config;
    }

    /** A consumer without a group (partitions are assigned, offsets never committed). */
    KafkaConsumer<byte[], byte[]> newConsumer(String bootstrap, String clientId) {
        return new KafkaConsumer<>(consumerConfig(bootstrap, clientId));
    }

    Map<String, Object> consumerConfig(String bootstrap, String clientId) {
        Map<String, Object> config = new HashMap<>(common);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-" + clientId);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Never see records of aborted or open transactions (exactly-once sinks upstream of a source).
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    KafkaConsumer<byte[], byte[]> newConsumer(String clientId) {
        return newConsumer(bootstrapServers, clientId);
    }

    /**
     * Creates the topic with the broker's default replication unless it exists, and returns once every partition has
     * a leader (see {@link #awaitLeaders}).
     */
    void ensureTopic(String bootstrap, String topic, int partitions) {
        ensureTopic(bootstrap, topic, partitions, Map.of());
    }

    /** As {@link #ensureTopic(String, String, int)}, with the given topic configs for a new topic. */
    void ensureTopic(String bootstrap, String topic, int partitions, Map<String, String> topicConfigs) {
        try (Admin admin = newAdmin(bootstrap)) {
            NewTopic newTopic = new NewTopic(topic, Optional.of(partitions), Optional.empty()).configs(topicConfigs);
            try {
                admin.createTopics(Set.of(newTopic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topic " + topic + ": " + e.getCause(), e.getCause());
                }
            }
            awaitLeaders(admin, topic);
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not create topic " + topic + " within " + ADMIN_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }

    /**
     * Waits until every partition of an existing topic has a leader. An idempotent producer whose first batches to a
     * brand-new partition meet NOT_LEADER_OR_FOLLOWER can then loop on OUT_OF_ORDER_SEQUENCE_NUMBER for its later
     * in-flight batches (seen on a loaded machine); writing only once leaders exist avoids that.
     */
    void awaitLeaders(String topic) {
        try (Admin admin = newAdmin(bootstrapServers)) {
            awaitLeaders(admin, topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the leaders of " + topic, e);
        }
    }

    private static void awaitLeaders(Admin admin, String topic) throws InterruptedException {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
                if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("could not describe topic " + topic + ": " + e.getCause(), e);
                }
            } catch (TimeoutException e) {
                // fall through to the deadline check
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic + " has partitions without a leader after " + ADMIN_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    private Admin newAdmin(String bootstrap) {
        return Admin.create(adminConfig(bootstrap));
    }

    Map<String, Object> adminConfig(String bootstrap) {
        Map<String, Object> config = new HashMap<>(common);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-admin");
        // The API timeout may not be shorter than one request's.
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        return config;
    }

    /** How many brokers answer; throws when the cluster cannot be reached within {@code timeout} (health). */
    public int brokerCount(Duration timeout) throws Exception {
        Map<String, Object> config = adminConfig(bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(config)) {
            return admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
        }
    }

    void ensureTopic(String topic, int partitions) {
        ensureTopic(bootstrapServers, topic, partitions);
    }

    /**
     * Deletes the records before the offsets, in the background. A failure only leaves them for the next completed
     * checkpoint, which deletes up to its own later offsets.
     */
    public synchronized void deleteRecordsBefore(Map<TopicPartition, Long> offsets) {
        if (closed || offsets.isEmpty()) {
            return;
        }
        if (truncationAdmin == null) {
            truncationAdmin = newAdmin(bootstrapServers);
        }
        Map<TopicPartition, RecordsToDelete> request = new HashMap<>();
        offsets.forEach((partition, offset) -> request.put(partition, RecordsToDelete.beforeOffset(offset)));
        truncationAdmin.deleteRecords(request).all().whenComplete((done, failure) -> {
            if (failure != null && truncationWarned.compareAndSet(false, true)) {
                // Once: a lasting cause (no DELETE permission on channel topics) would fail every checkpoint.
                LOG.warn("Could not delete channel records before {} (channel topics keep growing; further failures "
                        + "are logged at debug): {}", offsets, failure.toString());
            } else if (failure != null) {
                LOG.debug("Could not delete channel records before {}: {}", offsets, failure.toString());
            }
        });
    }

    /** Flushes and closes the shared producer. */
    @Override
    public synchronized void close() {
        closed = true;
        if (truncationAdmin != null) {
            truncationAdmin.close(Duration.ofSeconds(5));
            truncationAdmin = null;
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
        if (channelProducer != null) {
            channelProducer.close(Duration.ofSeconds(10));
            channelProducer = null;
        }
    }
}
