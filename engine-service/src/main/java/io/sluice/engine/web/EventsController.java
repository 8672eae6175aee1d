package io.sluice.engine.web;

import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * {@code GET /events}: server-sent events for live dashboards. Each "update" event holds the cluster overview and
 * the jobs overview (as {@code /overview} and {@code /jobs/overview}); comments every 15 s keep proxies from
 * closing an idle stream.
 */
@RestController
public class EventsController {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final ClusterEvents events;

    public EventsController(ClusterEvents events) {
        this.events = events;
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Object>> events() {
        Flux<ServerSentEvent<Object>> updates = events.updates()
                .map(update -> ServerSentEvent.<Object>builder(update).event("update").build());
        Flux<ServerSentEvent<Object>> keepAlive = Flux.interval(KEEP_ALIVE)
                .map(tick -> ServerSentEvent.<Object>builder().comment("keep-alive").build());
        return Flux.merge(updates, keepAlive);
    }
}
