package io.sluice.worker.io.kafka;

import io.sluice.protocol.ControlMessage;
import io.sluice.protocol.ControlMessage.AbortCheckpoint;
import io.sluice.protocol.ControlMessage.CancelJob;
import io.sluice.protocol.ControlMessage.DeployTasks;
import io.sluice.protocol.ControlMessage.FinishSources;
import io.sluice.protocol.ControlMessage.NotifyCheckpointComplete;
import io.sluice.protocol.ControlMessage.TriggerCheckpoint;
import io.sluice.protocol.ControlMessageCodec;
import io.sluice.protocol.Topics;
import io.sluice.protocol.WorkerId;
import io.sluice.worker.task.TaskExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives this worker's commands from {@link Topics#CONTROL} on a daemon thread and hands them to the
 * {@link TaskExecutor}. Starts at the end of the topic (older commands are for earlier workers). Until Kafka is
 * reachable it retries with backoff; once it listens it calls {@code onReady} (once), so the worker registers only
 * when it can hear its commands.
 */
public final class KafkaControlListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaControlListener.class);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final KafkaClients clients;
    private final WorkerId worker;
    private final byte[] workerKey;
    private final TaskExecutor executor;
    private final Runnable onReady;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Where to continue after a reconnect, so no command is skipped. Listener thread only. */
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean ready;

    public KafkaControlListener(KafkaClients clients, WorkerId worker, TaskExecutor executor, Runnable onReady) {
        this.clients = clients;
        this.worker = worker;
        this.workerKey = worker.value().getBytes(StandardCharsets.UTF_8);
        this.executor = executor;
        this.onReady = onReady;
        this.thread = new Thread(this::run, "control-listener");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (!isStopped()) {
            try (KafkaConsumer<byte[], byte[]> c = clients.newConsumer("control")) {
                consumer = c;
                listen(c);
            } catch (WakeupException e) {
                // close() woke us up
            } catch (RuntimeException e) {
                if (isStopped()) {
                    return;
                }
                log.warn("Worker {} cannot listen on {} at {} ({}{}); retrying in {}",
                        worker, Topics.CONTROL, clients.bootstrapServers(), e,
                        e.getCause() == null ? "" : ", caused by " + e.getCause(), backoff);
                awaitStop(backoff);
                Duration doubled = backoff.multipliedBy(2);
                backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
            }
        }
    }

    private void listen(KafkaConsumer<byte[], byte[]> c) {
        clients.ensureTopic(Topics.CONTROL, 1);
        // The engine reads heartbeats from here; create it too so the first heartbeat does not wait for it.
        clients.ensureTopic(Topics.STATUS, 1);
        List<TopicPartition> partitions = c.partitionsFor(Topics.CONTROL).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + Topics.CONTROL + " has no partitions");
        }
        c.assign(partitions);
        for (TopicPartition partition : partitions) {
            Long next = nextOffsets.get(partition);
            if (next != null) {
                c.seek(partition, next);
            } else {
                c.seekToEnd(List.of(partition));
                // Resolve the lazy seek now: commands sent from here on must reach us.
                nextOffsets.put(partition, c.position(partition));
            }
        }
        if (!ready) {
            ready = true;
            log.info("Worker {} listens for commands on {} at {}", worker, Topics.CONTROL, clients.bootstrapServers());
            onReady.run();
        }
        while (!isStopped()) {
            for (ConsumerRecord<byte[], byte[]> record : c.poll(POLL_TIMEOUT)) {
                handle(record);
                nextOffsets.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            }
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() != null && !Arrays.equals(record.key(), workerKey)) {
            return; // another worker's: skip decoding its plan
        }
        try {
            ControlMessage message = ControlMessageCodec.decode(record.value());
            if (!worker.equals(message.worker())) {
                return;
            }
            if (message instanceof DeployTasks deploy) {
                log.info("Deploying {} (attempt {})", deploy.tasks(), deploy.attempt());
                executor.deploy(deploy.plan(), deploy.attempt(), deploy.tasks(), deploy.restores());
            } else if (message instanceof CancelJob cancel) {
                log.info("Cancelling job {}", cancel.jobId());
                // Signals the tasks now; waiting for their threads happens off this thread.
                executor.cancelJob(cancel.jobId());
            } else if (message instanceof TriggerCheckpoint trigger) {
                executor.triggerCheckpoint(trigger);
            } else if (message instanceof AbortCheckpoint abort) {
                executor.abortCheckpoint(abort);
            } else if (message instanceof NotifyCheckpointComplete complete) {
                executor.notifyCheckpointComplete(complete);
            } else if (message instanceof FinishSources finish) {
                log.info("Finishing the sources of job {}: stopped with a savepoint", finish.jobId());
                executor.finishSources(finish);
            } else {
                log.warn("Ignoring {} on {}: not a command for workers", message.getClass().getSimpleName(), Topics.CONTROL);
            }
        } catch (RuntimeException e) {
            log.error("Could not handle the command at {}-{}@{}", record.topic(), record.partition(), record.offset(), e);
        }
    }

    /** True once the listener reached Kafka and listens (and {@code onReady} ran). */
    public boolean isReady() {
        return ready;
    }

    private boolean isStopped() {
        return stopped.getCount() == 0;
    }

    private void awaitStop(Duration timeout) {
        try {
            stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.countDown();
        }
    }

    @Override
    public void close() {
        stopped.countDown();
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
