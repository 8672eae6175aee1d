package io.sluice.engine.transport.kafka;

import io.sluice.engine.job.TopicAdmin;
import io.sluice.protocol.ChannelSpec;
import io.sluice.protocol.JobId;
import io.sluice.protocol.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topic management with the Kafka admin client: the two control topics (1 partition each, so every message of
 * the control plane is totally ordered), the channel topics of a job (U×D partitions), and their deletion.
 * Replication uses the broker's default.
 */
public final class KafkaTopicAdmin implements TopicAdmin, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaTopicAdmin.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /**
     * Topic creation: 3 attempts of at most {@value #CREATE_TIMEOUT_MS} ms, 1 s then 2 s apart, so a broker blip does
     * not fail a deploy; the job manager's thread is held 18 s at worst.
     */
    private static final int CREATE_TIMEOUT_MS = 5_000;

    private final Admin admin;
    private final AdminRetry createRetry = new AdminRetry("create topics", 3, Duration.ofSeconds(1));
    /** Deletion is housekeeping: it runs here, off the job manager's thread. */
    private final ExecutorService cleaner = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "sluice-topic-cleaner");
        t.setDaemon(true);
        return t;
    });

    public KafkaTopicAdmin(String bootstrapServers) {
        this(KafkaClientConfigs.of(bootstrapServers));
    }

    public KafkaTopicAdmin(KafkaClientConfigs configs) {
        this.admin = Admin.create(adminConfig(configs));
    }

    static Map<String, Object> adminConfig(KafkaClientConfigs configs) {
        return configs.client(Map.of(
                AdminClientConfig.CLIENT_ID_CONFIG, "sluice-engine-admin",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2));
    }

    /** How many brokers answer; throws when the cluster cannot be reached within {@code timeout} (health). */
    public int brokerCount(Duration timeout) throws Exception {
        return admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
    }

    /** Creates {@code sluice.control} and {@code sluice.status} if missing. */
    public void ensureControlTopics() {
        create(List.of(
                new NewTopic(Topics.CONTROL, Optional.of(1), Optional.empty()),
                new NewTopic(Topics.STATUS, Optional.of(1), Optional.empty())));
    }

    @Override
    public void createTopics(List<ChannelSpec> channels) {
        create(channels.stream()
                .map(c -> new NewTopic(c.topic(), Optional.of(c.partitions()), Optional.empty()))
                .toList());
    }

    private void create(List<NewTopic> topics) {
        if (!topics.isEmpty()) {
            createRetry.run(() -> createOnce(topics));
        }
    }

    private void createOnce(List<NewTopic> topics) {
        CreateTopicsOptions options = new CreateTopicsOptions().timeoutMs(CREATE_TIMEOUT_MS);
        admin.createTopics(topics, options).values().forEach((topic, future) -> {
            try {
                await(future, CREATE_TIMEOUT_MS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
        });
    }

    @Override
    public void deleteJobTopics(JobId jobId) {
        String prefix = Topics.jobPrefix(jobId);
        cleaner.execute(() -> {
            try {
                Set<String> names = await(admin.listTopics().names());
                List<String> doomed = names.stream().filter(n -> n.startsWith(prefix)).toList();
                if (!doomed.isEmpty()) {
                    await(admin.deleteTopics(doomed).all());
                    log.info("Deleted topics of job {}: {}", jobId, doomed);
                }
            } catch (ExecutionException | RuntimeException e) {
                log.warn("Could not delete the topics of job {}: {}", jobId, e.toString());
            }
        });
    }

    private static <T> T await(KafkaFuture<T> future) throws ExecutionException {
        return await(future, TIMEOUT.toMillis());
    }

    private static <T> T await(KafkaFuture<T> future, long timeoutMillis) throws ExecutionException {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeoutMillis + " ms", e);
        }
    }

    @Override
    public void close() {
        cleaner.shutdown();
        admin.close(Duration.ofSeconds(5));
    }
}
