package io.sluice.engine.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.engine.job.JobManagerActor;
import io.sluice.engine.metrics.JobGauges;
import io.sluice.engine.metrics.JobMeters;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Once a second, copies the cluster's state off the job manager's thread: it feeds the job gauges and goes out as
 * one "update" event to every {@code GET /events} subscriber. However many dashboards are open, the job manager is
 * asked once per interval; a dashboard fetches details only for the page it shows.
 */
public final class ClusterEvents implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterEvents.class);

    /** What each event carries: Flink's cluster overview and jobs overview. */
    public record Update(ClusterOverview overview, @JsonProperty("jobs") List<JobsOverview.Job> jobs, long now) {}

    private final JobManagerActor jobManager;
    private final SluiceVersion version;
    private final JobMeters meters;
    private final Sinks.Many<Update> updates = Sinks.many().replay().latest();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sluice-cluster-events");
        thread.setDaemon(true);
        return thread;
    });

    public ClusterEvents(JobManagerActor jobManager, SluiceVersion version, JobMeters meters) {
        this.jobManager = jobManager;
        this.version = version;
        this.meters = meters;
    }

    public void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The latest update first, then each new one. */
    public Flux<Update> updates() {
        return updates.asFlux();
    }

    private void refresh() {
        try {
            record Copy(Update update, List<JobGauges> gauges) {}
            Copy copy = jobManager.ask(jm -> {
                var now = jm.clock().instant();
                return new Copy(
                        new Update(ClusterOverview.of(jm, version), JobsOverview.of(jm.jobs(), now).jobs(),
                                RestTime.millis(now)),
                        jm.jobs().stream().map(job -> JobGauges.of(job, now)).toList());
            }).get(10, TimeUnit.SECONDS);
            meters.update(copy.gauges());
            updates.tryEmitNext(copy.update());
        } catch (Exception e) {
            log.debug("Could not refresh the cluster events: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
