package io.sluice.runtime.timer;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.runtime.state.InMemoryKeyedStateBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TimerServiceTest {

    private final InMemoryKeyedStateBackend backend = new InMemoryKeyedStateBackend();
    private final List<String> fired = new ArrayList<>();
    private final TimerService.Triggerable recorder = new TimerService.Triggerable() {
        @Override
        public void onEventTime(Timer timer) {
            assertThat(backend.currentKey()).isEqualTo(timer.key());
            fired.add("event " + timer.key() + "/" + timer.namespace() + "@" + timer.timestamp());
        }

        @Override
        public void onProcessingTime(Timer timer) {
            assertThat(backend.currentKey()).isEqualTo(timer.key());
            fired.add("proc " + timer.key() + "/" + timer.namespace() + "@" + timer.timestamp());
        }
    };

    @Test
    void firesDueTimersInTimeOrderOnceWithTheirKeySet() throws Exception {
        TimerService timers = new TimerService(backend, recorder);
        backend.setCurrentKey("a");
        timers.registerEventTimeTimer("w1", 10);
        timers.registerEventTimeTimer("w1", 10);
        timers.registerEventTimeTimer("w2", 5);
        backend.setCurrentKey("b");
        timers.registerEventTimeTimer("w1", 7);
        timers.registerEventTimeTimer("w1", 20);
        timers.deleteEventTimeTimer("w1", 20);
        timers.registerProcessingTimeTimer("p", 100);

        timers.advanceWatermark(Long.MIN_VALUE + 1);
        timers.advanceWatermark(9);
        timers.advanceWatermark(30);
        timers.advanceProcessingTime(99);
        timers.advanceProcessingTime(100);
        assertThat(fired).containsExactly("event a/w2@5", "event b/w1@7", "event a/w1@10", "proc b/p@100");
    }

    @Test
    void randomRegistrationsFireAsAReferenceSaysAndSurviveSnapshotRestore() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            fired.clear();
            TimerService timers = new TimerService(backend, recorder);
            // Reference: the set of live (key, namespace, time) triples, fired by time when the watermark passes.
            TreeMap<String, Long> reference = new TreeMap<>();
            List<String> expected = new ArrayList<>();
            long watermark = Long.MIN_VALUE;
            for (int step = 0; step < 200; step++) {
                int action = random.nextInt(10);
                String key = "k" + random.nextInt(3);
                String namespace = "n" + random.nextInt(3);
                long time = random.nextInt(100);
                backend.setCurrentKey(key);
                String id = key + "/" + namespace + "@" + time;
                if (action < 5) {
                    timers.registerEventTimeTimer(namespace, time);
                    reference.put(id, time);
                } else if (action < 7) {
                    timers.deleteEventTimeTimer(namespace, time);
                    reference.remove(id);
                } else if (action < 9) {
                    long next = watermark == Long.MIN_VALUE ? random.nextInt(20) : watermark + random.nextInt(20);
                    if (next > watermark) {
                        watermark = next;
                        long limit = watermark;
                        reference.entrySet().stream().filter(e -> e.getValue() <= limit)
                                .sorted(java.util.Map.Entry.comparingByValue())
                                .map(e -> e.getValue() + " " + e.getKey())
                                .forEach(expected::add);
                        reference.values().removeIf(t -> t <= limit);
                    }
                    timers.advanceWatermark(next);
                } else {
                    TimerSnapshot snapshot = timers.snapshot();
                    timers = new TimerService(backend, recorder);
                    timers.restore(snapshot);
                }
            }
            // A timer registered at or before the watermark fires with the next advance. Within one advance equal
            // times may fire in any order, so compare as a multiset.
            List<String> actual = fired.stream().map(f -> f.substring(f.indexOf('@') + 1) + " " + f.substring(6))
                    .toList();
            assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
