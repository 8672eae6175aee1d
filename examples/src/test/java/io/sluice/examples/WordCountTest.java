package io.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.runtime.local.LocalJobRunner;
import io.sluice.runtime.source.TextLines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WordCountTest {

    private static final Pattern PRINTED = Pattern.compile("WordWithCount\\[word=([a-z]+), count=(\\d+)]");

    @Test
    void javaWordCountPrintsTheIndependentFinalCounts() throws Exception {
        long lines = 3_000;
        long seed = 5;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new LocalJobRunner()
                .withPrintStream(new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run(WordCount.build(lines, seed, null));

        Map<String, Long> latest = new HashMap<>();
        Matcher m = PRINTED.matcher(printed.toString(StandardCharsets.UTF_8));
        while (m.find()) {
            latest.merge(m.group(1), Long.parseLong(m.group(2)), Math::max);
        }
        Map<String, Long> expected = new HashMap<>();
        for (long i = 0; i < lines; i++) {
            for (String w : TextLines.line(seed, i).toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                if (!w.isEmpty()) {
                    expected.merge(w, 1L, Long::sum);
                }
            }
        }
        assertThat(latest).isEqualTo(expected);
    }
}
