package io.sluice.runtime.expr;

/**
 * The text a user regular expression runs over, counting character reads: a catastrophically backtracking
 * pattern fails after a bounded amount of work instead of hanging the task (the same guard SpEL applies to its
 * {@code matches} operator). The budget grows with the text so long legitimate inputs still pass.
 */
final class RegexBudget implements CharSequence {

    static final int BASE_BUDGET = 1_000_000;
    private static final int READS_PER_CHAR = 100;

    private final CharSequence text;
    private final Counter counter;

    RegexBudget(CharSequence text) {
        this(text, new Counter(BASE_BUDGET + (long) READS_PER_CHAR * text.length()));
    }

    private RegexBudget(CharSequence text, Counter counter) {
        this.text = text;
        this.counter = counter;
    }

    @Override
    public char charAt(int index) {
        counter.read();
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new RegexBudget(text.subSequence(start, end), counter);
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private static final class Counter {
        private final long limit;
        private long reads;

        Counter(long limit) {
            this.limit = limit;
        }

        void read() {
            if (++reads > limit) {
                throw new IllegalStateException("regular expression too expensive for this input (gave up after "
                        + limit + " character reads)");
            }
        }
    }
}
