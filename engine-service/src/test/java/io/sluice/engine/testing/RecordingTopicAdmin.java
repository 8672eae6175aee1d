package io.sluice.engine.testing;

import io.sluice.engine.job.TopicAdmin;
import io.sluice.protocol.ChannelSpec;
import io.sluice.protocol.JobId;
import io.sluice.protocol.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-memory broker's topic list: name → partitions. Can be told to fail creation. Thread-safe. */
public final class RecordingTopicAdmin implements TopicAdmin {

    private final Map<String, Integer> topics = new LinkedHashMap<>();
    private String creationFailure;

    @Override
    public synchronized void createTopics(List<ChannelSpec> channels) {
        if (creationFailure != null) {
            throw new IllegalStateException(creationFailure);
        }
        channels.forEach(c -> topics.put(c.topic(), c.partitions()));
    }

    @Override
    public synchronized void deleteJobTopics(JobId jobId) {
        topics.keySet().removeIf(name -> name.startsWith(Topics.jobPrefix(jobId)));
    }

    public synchronized Map<String, Integer> topics() {
        return Map.copyOf(topics);
    }

    public synchronized void failCreationWith(String message) {
        creationFailure = message;
    }
}
