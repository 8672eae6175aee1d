package io.sluice.worker.io.kafka;

import io.sluice.api.function.KeySelector;
import io.sluice.graph.OperatorSpec;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.io.RecordFormats;
import io.sluice.runtime.operator.Operator;
import io.sluice.runtime.operator.OperatorContext;
import io.sluice.runtime.operator.Output;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records to a user's Kafka topic ({@code kafka-sink}), creating the topic (one partition per sink subtask)
 * if it is missing. At-least-once: plain sends, flushed at finish and close; a failed send fails the task. Sinks on
 * the cluster's broker use the worker's shared producer, sinks on another cluster a producer of their own.
 * Exactly-once: records are staged per checkpoint and committed in a Kafka transaction when the checkpoint
 * completes ({@link ExactlyOnceSinkWriter}), with a transactional producer of the subtask's own and a thread of its
 * own that commits. Used by the task thread only.
 */
final class KafkaSinkOperator implements Operator {

    private static final Logger log = LoggerFactory.getLogger(KafkaSinkOperator.class);
    private static final Duration COMMITTER_STOP = Duration.ofSeconds(10);

    private final OperatorSpec.KafkaSink spec;
    private final KafkaClients clients;
    private final KeySelector<Object, Object> key;
    private final String clientId;
    private final boolean sharedProducer;
    private final String bootstrapServers;
    private final String jobId;
    private final FirstSendError sendError = new FirstSendError();
    private Producer<byte[], byte[]> producer;
    private ExactlyOnceSinkWriter exactlyOnce;
    private TransactionalSinkPort transactions;
    private ExecutorService committer;

    /**
     * @param key the record key, or null for unkeyed records
     * @param clientId client id of the sink's own producer, when it needs one
     * @param jobId names the transactional id and the commit markers of an exactly-once sink
     */
    KafkaSinkOperator(OperatorSpec.KafkaSink spec, KafkaClients clients, KeySelector<Object, Object> key, String clientId,
            String jobId) {
        this.jobId = jobId;
        this.spec = spec;
        this.clients = clients;
        this.key = key;
        this.clientId = clientId;
        this.sharedProducer =
                spec.bootstrapServers() == null || spec.bootstrapServers().equals(clients.bootstrapServers());
        this.bootstrapServers = sharedProducer ? clients.bootstrapServers() : spec.bootstrapServers();
    }

    @Override
    public void open(OperatorContext context, Output output) {
        clients.ensureTopic(bootstrapServers, spec.topic(), context.parallelism());
        if (spec.guarantee() == OperatorSpec.DeliveryGuarantee.EXACTLY_ONCE) {
            transactions = new KafkaTransactionalSink(clients, bootstrapServers, spec.topic(), jobId,
                    context.operatorId(), context.subtaskIndex(), clientId);
            String thread = "sink-commit-" + context.operatorId() + "#" + context.subtaskIndex();
            committer = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, thread);
                t.setDaemon(true);
                return t;
            });
            exactlyOnce = new ExactlyOnceSinkWriter(transactions,
                    "exactly-once sink " + context.operatorId() + "[" + context.subtaskIndex() + "] of job " + jobId,
                    committer);
            exactlyOnce.open();
        } else {
            producer = sharedProducer ? clients.producer() : clients.newProducer(bootstrapServers, clientId);
        }
    }

    @Override
    public void processElement(Object value, long timestamp) throws Exception {
        sendError.throwIfFailed(spec.topic());
        Object keyValue = key == null ? null : key.getKey(value);
        byte[] keyBytes = keyValue == null ? null : String.valueOf(keyValue).getBytes(StandardCharsets.UTF_8);
        Long kafkaTimestamp = timestamp == StreamElement.NO_TIMESTAMP ? null : timestamp;
        byte[] bytes = RecordFormats.encode(spec.format(), value);
        if (exactlyOnce != null) {
            exactlyOnce.write(new SinkRecord(keyBytes, bytes, kafkaTimestamp));
            return;
        }
        producer.send(new ProducerRecord<>(spec.topic(), null, kafkaTimestamp, keyBytes, bytes), sendError);
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
        return exactlyOnce == null ? null : exactlyOnce.snapshot(checkpointId);
    }

    @Override
    public void restoreState(byte[] state) {
        if (exactlyOnce != null) {
            exactlyOnce.restore(state);
        }
    }

    /** Resuming from a savepoint: the staged epochs of every subtask whose state this one got. */
    @Override
    public void restoreState(List<byte[]> states) {
        if (exactlyOnce != null) {
            exactlyOnce.restore(states);
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (exactlyOnce != null) {
            exactlyOnce.checkpointComplete(checkpointId);
        }
    }

    /** Exactly-once commits what is left at end of input rather than waiting for a checkpoint after it. */
    @Override
    public void finish() {
        if (exactlyOnce != null) {
            exactlyOnce.finish();
        } else {
            flush();
        }
    }

    @Override
    public void close() {
        if (committer != null) {
            // A commit in flight goes on (a job cancelled after its savepoint completed still commits the savepoint's
            // epochs, as when the task thread committed); one that hangs is cut short, which aborts its transaction:
            // its epochs are in the last snapshot and a restore decides.
            committer.shutdown();
            try {
                if (!committer.awaitTermination(COMMITTER_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                    committer.shutdownNow();
                }
            } catch (InterruptedException e) {
                committer.shutdownNow();
                Thread.currentThread().interrupt();
            }
            committer = null;
        }
        if (transactions != null) {
            transactions.close();
            transactions = null;
        }
        if (producer == null) {
            return;
        }
        try {
            flush();
        } finally {
            if (!sharedProducer) {
                producer.close();
            }
            producer = null;
        }
    }

    private void flush() {
        producer.flush();
        sendError.throwIfFailed(spec.topic());
    }
}
