package io.sluice.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.JobExecutor;
import io.sluice.api.StreamEnvironment;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LocalJobExecutorTest {

    /** Shared with the deserialized filter: local tasks run in this JVM. */
    private static final ConcurrentLinkedQueue<Long> SEEN = new ConcurrentLinkedQueue<>();

    @Test
    void isTheExecutorTheJavaApiFinds() {
        assertThat(ServiceLoader.load(JobExecutor.class).findFirst()).containsInstanceOf(LocalJobExecutor.class);
    }

    @Test
    void runsJobsBuiltWithTheJavaApi() throws Exception {
        StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
        env.generateSequence(100)
                .map(value -> value * 2)
                .rebalance()
                .filter(value -> !SEEN.add(value))
                .print();

        env.execute("doubles");

        assertThat(SEEN).containsExactlyInAnyOrderElementsOf(LongStream.range(0, 100).map(v -> v * 2).boxed().toList());
    }
}
