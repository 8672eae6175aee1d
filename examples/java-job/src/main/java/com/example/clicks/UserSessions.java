package com.example.clicks;

import io.sluice.api.function.Collector;
import io.sluice.api.function.KeyedProcessFunction;
import io.sluice.api.function.RuntimeContext;
import io.sluice.api.state.MapState;
import io.sluice.api.state.MapStateDescriptor;
import java.util.Map;

/**
 * Click sessions per user: a session ends when its user has not clicked for {@code gap} milliseconds of event time.
 *
 * <p>The user's clicks wait in keyed state, and each click sets an event-time timer {@code gap} after it. When a
 * timer fires, the watermark has passed it, so every click up to that time is here: if none came within the gap
 * after the timer's click, that click ended a session, which is emitted and removed from the state. Clicks may
 * arrive out of time order (the source runs as several subtasks); as nothing is decided before the watermark, the
 * sessions are the same as if they had arrived in order. State and timers are checkpointed together.
 */
public final class UserSessions extends KeyedProcessFunction<String, Click, Session> {

    private static final long serialVersionUID = 1L;

    private final long gap;
    /** Click time to the number of clicks at that time, of the sessions not emitted yet. */
    private transient MapState<Long, Long> clicksAt;

    public UserSessions(long gap) {
        this.gap = gap;
    }

    @Override
    public void open(RuntimeContext context) {
        clicksAt = context.getMapState(new MapStateDescriptor<>("clicks-at", Long.class, Long.class));
    }

    @Override
    public void processElement(Click click, Context<String> ctx, Collector<Session> out) {
        Long before = clicksAt.get(click.timestamp());
        clicksAt.put(click.timestamp(), before == null ? 1 : before + 1);
        ctx.timerService().registerEventTimeTimer(click.timestamp() + gap);
    }

    @Override
    public void onTimer(long time, OnTimerContext<String> ctx, Collector<Session> out) {
        long last = time - gap;
        Map<Long, Long> clicks = clicksAt.entries();
        if (clicks.keySet().stream().anyMatch(t -> t > last && t <= time)) {
            return; // clicked again within the gap: the session goes on
        }
        long start = Long.MAX_VALUE;
        long count = 0;
        for (Map.Entry<Long, Long> click : clicks.entrySet()) {
            if (click.getKey() <= last) { // earlier sessions are gone: all of these belong to this one
                start = Math.min(start, click.getKey());
                count += click.getValue();
                clicksAt.remove(click.getKey());
            }
        }
        out.collect(new Session(ctx.getCurrentKey(), start, last, count));
    }
}
