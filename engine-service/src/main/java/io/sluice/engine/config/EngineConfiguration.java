package io.sluice.engine.config;

import io.sluice.engine.checkpoint.FileCheckpointDiscarder;
import io.sluice.engine.ha.FileJobStore;
import io.sluice.engine.job.ControlChannel;
import io.sluice.engine.job.InMemoryJobStore;
import io.sluice.engine.job.JobManager;
import io.sluice.engine.job.JobManagerActor;
import io.sluice.engine.job.JobStore;
import io.sluice.engine.job.TopicAdmin;
import io.sluice.engine.web.SluiceVersion;
import io.sluice.graph.json.ExpressionChecker;
import io.sluice.runtime.expr.ExpressionSandbox;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the pure core: the job manager on its own thread, fed by whatever transport provides the two ports. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EngineProperties.class)
public class EngineConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    JobManagerActor jobManagerActor(
            ControlChannel controlChannel, TopicAdmin topicAdmin, Clock clock, EngineProperties properties) {
        JobStore store = properties.haDir() == null ? new InMemoryJobStore() : new FileJobStore(properties.haDir());
        JobManagerActor actor = new JobManagerActor(new JobManager(controlChannel, topicAdmin, clock,
                properties.heartbeatTimeout(), store, properties.jobDefaults(), new FileCheckpointDiscarder()));
        // First on the job manager's thread: worker messages queued behind it find the recovered jobs.
        actor.tell(JobManager::recoverJobs);
        actor.startTicking(properties.tickInterval());
        return actor;
    }

    /** The SpEL sandbox validates every expression of a submitted spec and the fields it reads. */
    @Bean
    ExpressionChecker expressionChecker() {
        return ExpressionSandbox.standard().checker();
    }

    @Bean
    SluiceVersion sluiceVersion(ObjectProvider<BuildProperties> build, ObjectProvider<GitProperties> git) {
        String version = build.getIfAvailable() == null ? "unknown" : build.getIfAvailable().getVersion();
        String commit = git.getIfAvailable() == null || git.getIfAvailable().getShortCommitId() == null
                ? "unknown"
                : git.getIfAvailable().getShortCommitId();
        return new SluiceVersion(version, commit);
    }
}
