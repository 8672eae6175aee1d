package io.sluice.engine.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.engine.job.JobManagerActor;
import io.sluice.engine.metrics.JobMeters;
import io.sluice.engine.metrics.TaskMetricsRegistry;
import io.sluice.engine.web.ClusterEvents;
import io.sluice.engine.web.SluiceVersion;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Metrics the workers report, the engine's job gauges, and the live event stream that shares their refresh. */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    /** How often job gauges and dashboard events are refreshed (workers report about as often). */
    static final Duration REFRESH = Duration.ofSeconds(1);

    @Bean
    TaskMetricsRegistry taskMetricsRegistry() {
        return new TaskMetricsRegistry();
    }

    @Bean(destroyMethod = "close")
    ClusterEvents clusterEvents(JobManagerActor actor, SluiceVersion version, MeterRegistry registry) {
        ClusterEvents events = new ClusterEvents(actor, version, new JobMeters(registry));
        events.start(REFRESH);
        return events;
    }
}
