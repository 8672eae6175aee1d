package io.sluice.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The expected result counts against brute force: every window of every record, sessions by explicit merging. */
class ExpectedResultsTest {

    private final Workload workload = new Workload(20_000, 300, 4, 120_000, 7, 1_700_000_010_000L);
    private final ExpectedResults expected = new ExpectedResults(workload);

    @Test
    void mapFilterCountsRecordsPassingTheFilter() {
        long passing = 0;
        Workload.Cursor c = workload.cursor();
        while (c.next()) {
            passing += c.json().matches(".*\"v\":\\d*0}") ? 0 : 1;
        }
        assertThat(expected.mapFilter()).isEqualTo(passing).isBetween(17_000L, 19_000L);
    }

    @Test
    void tumblingAndSlidingCountDistinctKeyWindowPairs() {
        assertThat(expected.tumbling(10_000)).isEqualTo(bruteForceWindows(10_000, 10_000));
        assertThat(expected.sliding(30_000, 10_000)).isEqualTo(bruteForceWindows(30_000, 10_000));
        assertThat(expected.sliding(30_000, 10_000)).isGreaterThan(expected.tumbling(10_000));
    }

    @Test
    void sessionsMergeWindowsThatOverlapOrTouch() {
        Map<String, List<long[]>> sessions = new HashMap<>();
        Workload.Cursor c = workload.cursor();
        long gap = 3_000;
        while (c.next()) {
            List<long[]> windows = sessions.computeIfAbsent(c.key(), k -> new ArrayList<>());
            long[] merged = {c.timestamp(), c.timestamp() + gap};
            for (var it = windows.iterator(); it.hasNext(); ) {
                long[] w = it.next();
                if (w[0] <= merged[1] && merged[0] <= w[1]) {
                    merged = new long[] {Math.min(w[0], merged[0]), Math.max(w[1], merged[1])};
                    it.remove();
                }
            }
            windows.add(merged);
        }
        assertThat(expected.sessions(gap)).isEqualTo(sessions.values().stream().mapToLong(List::size).sum());
    }

    @Test
    void runningCountsSumEveryCountOfEveryKey() {
        Map<String, Long> counts = new HashMap<>();
        long sum = 0;
        Workload.Cursor c = workload.cursor();
        while (c.next()) {
            sum += counts.merge(c.key(), 1L, Long::sum);
        }
        assertThat(expected.runningCountsSum()).isEqualTo(sum).isGreaterThan(workload.records());
    }

    private long bruteForceWindows(long size, long slide) {
        Set<String> windows = new HashSet<>();
        Workload.Cursor c = workload.cursor();
        while (c.next()) {
            for (long start = c.timestamp() - Math.floorMod(c.timestamp(), slide); start > c.timestamp() - size;
                    start -= slide) {
                windows.add(c.key() + "@" + start);
            }
        }
        return windows.size();
    }
}
