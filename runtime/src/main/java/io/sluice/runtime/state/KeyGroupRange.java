package io.sluice.runtime.state;

/**
 * A contiguous, inclusive range of key groups: what one subtask of a keyed operator owns. Restoring a snapshot
 * keeps only the key groups in the new owner's range, which is how state follows its keys when parallelism changes.
 *
 * @param first first key group, inclusive
 * @param last last key group, inclusive
 */
public record KeyGroupRange(int first, int last) {

    public KeyGroupRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("not a key group range: [" + first + ", " + last + "]");
        }
    }

    /** Every key group of an operator with {@code maxParallelism} key groups. */
    public static KeyGroupRange all(int maxParallelism) {
        return new KeyGroupRange(0, maxParallelism - 1);
    }

    /**
     * The key groups of {@code subtask}: exactly those that {@link KeyGroups#subtaskFor} maps to it, i.e. the
     * {@code g} with {@code floor(g * parallelism / maxParallelism) == subtask}.
     */
    public static KeyGroupRange computeRange(int maxParallelism, int parallelism, int subtask) {
        if (parallelism < 1 || parallelism > maxParallelism || subtask < 0 || subtask >= parallelism) {
            throw new IllegalArgumentException("no key group range for subtask " + subtask + " of " + parallelism
                    + " with max parallelism " + maxParallelism);
        }
        int first = (int) (((long) subtask * maxParallelism + parallelism - 1) / parallelism);
        int last = (int) (((long) (subtask + 1) * maxParallelism - 1) / parallelism);
        return new KeyGroupRange(first, last);
    }

    public boolean contains(int keyGroup) {
        return keyGroup >= first && keyGroup <= last;
    }

    public int size() {
        return last - first + 1;
    }
}
