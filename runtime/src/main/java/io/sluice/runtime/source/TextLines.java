package io.sluice.runtime.source;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic lines of English-looking text: line {@code index} for a {@code seed} is always the same, on any
 * JVM, so tests and users can compute expected results independently. A line has 3 to 12 words from a fixed
 * vocabulary, some capitalised, separated by spaces, with an occasional comma and sometimes a closing '.', '!'
 * or '?'.
 */
public final class TextLines {

    static final int MIN_WORDS = 3;
    static final int MAX_WORDS = 12;

    /** A few hundred common English words, lower case, letters only. */
    static final List<String> VOCABULARY = List.of(
            "the", "be", "to", "of", "and", "a", "in", "that", "have", "it", "for", "not", "on", "with", "he",
            "as", "you", "do", "at", "this", "but", "his", "by", "from", "they", "we", "say", "her", "she", "or",
            "an", "will", "my", "one", "all", "would", "there", "their", "what", "so", "up", "out", "if", "about",
            "who", "get", "which", "go", "me", "when", "make", "can", "like", "time", "no", "just", "him", "know",
            "take", "people", "into", "year", "your", "good", "some", "could", "them", "see", "other", "than",
            "then", "now", "look", "only", "come", "its", "over", "think", "also", "back", "after", "use", "two",
            "how", "our", "work", "first", "well", "way", "even", "new", "want", "because", "any", "these", "give",
            "day", "most", "us", "is", "was", "are", "been", "has", "had", "were", "said", "did", "made", "went",
            "found", "long", "down", "life", "still", "own", "never", "under", "last", "right", "old", "great",
            "little", "world", "house", "part", "place", "again", "where", "man", "woman", "child", "hand", "high",
            "small", "large", "next", "early", "young", "important", "few", "public", "bad", "same", "able",
            "water", "fire", "earth", "air", "river", "stream", "lake", "sea", "mountain", "tree", "forest",
            "field", "flower", "stone", "road", "city", "town", "village", "country", "state", "school", "book",
            "word", "story", "letter", "number", "name", "question", "answer", "problem", "idea", "reason",
            "night", "morning", "evening", "week", "month", "hour", "minute", "moment", "light", "dark", "sun",
            "moon", "star", "sky", "rain", "snow", "wind", "cold", "warm", "hot", "green", "blue", "red", "white",
            "black", "open", "close", "begin", "end", "start", "stop", "run", "walk", "talk", "speak", "read",
            "write", "learn", "teach", "play", "sing", "listen", "hear", "watch", "keep", "hold", "bring", "carry",
            "turn", "move", "live", "feel", "seem", "leave", "call", "ask", "need", "try", "tell", "show", "help",
            "mean", "let", "put", "set", "follow", "change", "grow", "build", "stay", "fall", "cut", "reach",
            "kill", "remain", "suggest", "raise", "pass", "sell", "decide", "pull", "offer", "wait", "serve",
            "die", "send", "expect", "lose", "pay", "meet", "include", "continue", "believe", "happen", "love",
            "friend", "family", "father", "mother", "brother", "sister", "king", "queen", "door", "window",
            "table", "chair", "bread", "milk", "horse", "dog", "cat", "bird", "fish", "ship", "boat", "train",
            "car", "music", "song", "color", "paper", "money", "market", "garden", "bridge", "island", "valley",
            "quiet", "quick", "slow", "happy", "sad", "strong", "weak", "true", "free", "full", "empty", "deep",
            "clear", "simple", "hard", "easy", "soft", "bright", "wide", "narrow", "far", "near", "always",
            "often", "sometimes", "together", "alone", "every", "many", "much", "more", "less", "very", "here",
            "before", "between", "through", "during", "without", "once", "soon", "yet", "why", "while");

    private TextLines() {}

    public static String line(long seed, long index) {
        SplittableRandom random = new SplittableRandom(seed ^ mix(index));
        int words = MIN_WORDS + random.nextInt(MAX_WORDS - MIN_WORDS + 1);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < words; i++) {
            String word = VOCABULARY.get(random.nextInt(VOCABULARY.size()));
            boolean capitalised = i == 0 ? random.nextInt(2) == 0 : random.nextInt(12) == 0;
            line.append(capitalised ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
            if (i < words - 1) {
                line.append(random.nextInt(10) == 0 ? ", " : " ");
            }
        }
        int ending = random.nextInt(10);
        if (ending < 5) {
            line.append(ending < 3 ? '.' : ending == 3 ? '!' : '?');
        }
        return line.toString();
    }

    /** SplitMix64's finalizer: neighbouring indices give unrelated seeds. */
    static long mix(long index) {
        long z = index + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
