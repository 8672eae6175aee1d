package io.sluice.runtime.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextLinesTest {

    @Test
    void linesAreDeterministicPerSeedAndIndex() {
        assertThat(TextLines.line(42, 7)).isEqualTo(TextLines.line(42, 7));
        assertThat(TextLines.line(42, 7)).isNotEqualTo(TextLines.line(42, 8));
        assertThat(TextLines.line(42, 7)).isNotEqualTo(TextLines.line(43, 7));
    }

    @Test
    void linesHoldThreeToTwelveVocabularyWords() {
        Set<Integer> lengths = new HashSet<>();
        boolean sawCapital = false;
        boolean sawPunctuation = false;
        for (long index = 0; index < 2_000; index++) {
            String line = TextLines.line(1, index);
            String[] words = line.split("[ ,.!?]+");
            lengths.add(words.length);
            for (String word : words) {
                assertThat(TextLines.VOCABULARY).contains(word.toLowerCase(Locale.ROOT));
                sawCapital |= Character.isUpperCase(word.charAt(0));
            }
            sawPunctuation |= line.matches(".*[,.!?].*");
        }
        assertThat(lengths).containsExactlyInAnyOrder(3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(sawCapital).isTrue();
        assertThat(sawPunctuation).isTrue();
    }

    @Test
    void vocabularyHasAFewHundredDistinctLowerCaseWords() {
        assertThat(TextLines.VOCABULARY).hasSizeBetween(200, 500).doesNotHaveDuplicates()
                .allMatch(word -> word.matches("[a-z]+"));
    }
}
