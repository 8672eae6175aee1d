package io.sluice.worker.io.kafka;

import io.sluice.graph.OperatorSpec;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.io.RecordFormats;
import io.sluice.runtime.io.RecordOrigin;
import io.sluice.runtime.operator.RecordErrors;
import io.sluice.runtime.record.BadRecordException;
import io.sluice.graph.ErrorPolicy;
import io.sluice.runtime.io.SourceReader;
import io.sluice.runtime.operator.OperatorContext;
import io.sluice.runtime.operator.Output;
import io.sluice.runtime.source.RatePacer;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a user's Kafka topic for a {@code kafka-source}: subtask s of p reads the partitions with
 * {@code partition % p == s}. A bounded source stops at the end offsets it saw when it opened. Used by the task
 * thread only.
 */
final class KafkaSourceReader implements SourceReader {

    static final Duration POLL_WAIT = Duration.ofMillis(100);

    private final OperatorSpec.KafkaSource spec;
    private final KafkaClients clients;
    private final String clientId;
    private Consumer<byte[], byte[]> consumer;
    /** Bounded only: the partitions not yet read to their end offset, with that offset. */
    private final Map<TopicPartition, Long> unfinished = new HashMap<>();
    /** With a rate: paces whole polls (a poll's records all go out, so positions stay exact). */
    private RatePacer pacer;
    private Clock clock;
    private long emitted;
    private RecordErrors errors;
    private String operatorId;
    /** Only a policy that goes on after an error needs each record's coordinates while it flows down the chain. */
    private boolean trackOrigins;

    KafkaSourceReader(OperatorSpec.KafkaSource spec, KafkaClients clients, String clientId) {
        this.spec = spec;
        this.clients = clients;
        this.clientId = clientId;
    }

    @Override
    public void open(OperatorContext context) {
        errors = context.recordErrors();
        operatorId = context.operatorId();
        trackOrigins = errors.policy().mode() != ErrorPolicy.Mode.FAIL;
        String bootstrap = spec.bootstrapServers() != null ? spec.bootstrapServers() : clients.bootstrapServers();
        consumer = clients.newConsumer(bootstrap, clientId);
        List<PartitionInfo> infos = consumer.partitionsFor(spec.topic());
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("kafka-source topic '" + spec.topic() + "' does not exist on " + bootstrap);
        }
        List<TopicPartition> mine = infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .filter(partition -> partition.partition() % context.parallelism() == context.subtaskIndex())
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
        consumer.assign(mine);
        if (spec.startFrom() == OperatorSpec.StartFrom.LATEST) {
            consumer.seekToEnd(mine);
        } else {
            consumer.seekToBeginning(mine);
        }
        if (spec.bounded()) {
            unfinished.putAll(consumer.endOffsets(mine));
            dropFinished();
        }
        if (spec.ratePerSecond() > 0) {
            clock = context.clock();
            pacer = new RatePacer(spec.ratePerSecond() / context.parallelism(), clock.instant());
        }
    }

    @Override
    public Status pollNext(Output output) throws InterruptedException {
        if (spec.bounded() && unfinished.isEmpty()) {
            return Status.END_OF_INPUT;
        }
        if (consumer.assignment().isEmpty()) {
            // Fewer partitions than subtasks: this one idles (unbounded) until cancelled.
            Thread.sleep(POLL_WAIT.toMillis());
            return Status.NOTHING_AVAILABLE;
        }
        if (pacer != null && pacer.allowedBy(clock.instant()) <= emitted) {
            Duration wait = pacer.untilNext(emitted, clock.instant());
            Thread.sleep(Math.max(1, Math.min(wait.toMillis(), POLL_WAIT.toMillis())));
            return Status.NOTHING_AVAILABLE;
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_WAIT);
        emitted += records.count();
        for (TopicPartition partition : records.partitions()) {
            long end = spec.bounded() ? unfinished.getOrDefault(partition, 0L) : Long.MAX_VALUE;
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                if (record.offset() >= end) {
                    break;
                }
                if (record.value() != null) {
                    emit(record, output);
                }
            }
        }
        if (spec.bounded()) {
            dropFinished();
        }
        return records.isEmpty() ? Status.NOTHING_AVAILABLE : Status.MORE_AVAILABLE;
    }

    private void emit(ConsumerRecord<byte[], byte[]> record, Output output) {
        if (trackOrigins) {
            errors.origin(new RecordOrigin(record.topic(), record.partition(), record.offset()));
        }
        Object decoded;
        try {
            decoded = RecordFormats.decode(spec.format(), record.value());
        } catch (BadRecordException e) {
            errors.origin(new RecordOrigin(record.topic(), record.partition(), record.offset()));
            errors.onUndecodable(operatorId, record.value(), e);
            return;
        }
        output.collect(decoded, timestamp(record));
    }

    /**
     * Per assigned partition ({@code topic-partition}), the next offset to read. Between two batches every record
     * fetched was emitted, so the consumer's position is exact.
     */
    @Override
    public Map<String, Long> position() {
        Map<String, Long> position = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            position.put(partition.toString(), consumer.position(partition));
        }
        return position;
    }

    /** Resumes each assigned partition at its snapshot offset; a partition the snapshot lacks keeps its start. */
    @Override
    public void seek(Map<String, Long> position) {
        for (TopicPartition partition : consumer.assignment()) {
            Long offset = position.get(partition.toString());
            if (offset != null) {
                consumer.seek(partition, offset);
            }
        }
        if (spec.bounded()) {
            dropFinished();
        }
    }

    /** Position, not the last record's offset: transaction markers may sit at the end of a partition. */
    private void dropFinished() {
        List<TopicPartition> finished = unfinished.entrySet().stream()
                .filter(e -> consumer.position(e.getKey()) >= e.getValue())
                .map(Map.Entry::getKey)
                .toList();
        finished.forEach(unfinished::remove);
        consumer.pause(finished);
    }

    private static long timestamp(ConsumerRecord<?, ?> record) {
        return record.timestamp() >= 0 ? record.timestamp() : StreamElement.NO_TIMESTAMP;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
    }
}
