package io.sluice.engine.job;

import io.sluice.protocol.ChannelSpec;
import io.sluice.protocol.JobId;
import java.util.List;

/** Creates and deletes a job's internal topics. Called from the job manager's thread. */
public interface TopicAdmin {

    /**
     * Creates one topic per channel with {@link ChannelSpec#partitions()} partitions and returns once they exist
     * (topics that already exist are fine). Workers must not be deployed before this returns.
     *
     * @throws RuntimeException if the topics could not be created
     */
    void createTopics(List<ChannelSpec> channels);

    /** Deletes every topic with the job's prefix. May finish in the background; failures are logged, not thrown. */
    void deleteJobTopics(JobId jobId);
}
