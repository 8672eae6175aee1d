package io.sluice.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SinkWatcherTest {

    @Test
    void readsTheCountOfAWindowResult() {
        assertThat(SinkWatcher.countField(utf8("{\"key\":\"k7\",\"window-start\":10000,\"window-end\":20000,\"count\":42}")))
                .isEqualTo(42);
        assertThat(SinkWatcher.countField(utf8("{\"count\":5,\"key\":\"count\"}"))).isEqualTo(5);
        assertThat(SinkWatcher.countField(utf8("{\"key\":\"k7\",\"v2\":84}"))).isZero();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
