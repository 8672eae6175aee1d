package io.sluice.local;

import io.sluice.examples.WordCount;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The Java WordCount example, run locally with its Kafka sink against a real broker. */
class JavaWordCountIT {

    @Test
    void javaWordCountWritesExactCountsToKafka() throws Exception {
        long lines = 5_000;
        long seed = 11;
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(Files.createTempDirectory("sluice-it"), 0, 0)) {
            WordCount.runWithKafka(WordCount.build(lines, seed, "java-wc-out"), broker.bootstrapServers());
            WordCounts.assertTopicHoldsExactCounts(broker.bootstrapServers(), "java-wc-out", lines, seed);
        }
    }
}
