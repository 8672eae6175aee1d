package io.sluice.runtime.checkpoint;

import io.sluice.runtime.StreamElement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** FIFO input channels that deliver only while not paused, with a log of the pause and resume calls. */
final class FakeGate implements ChannelControl {

    private final List<Deque<StreamElement>> channels = new ArrayList<>();
    private final Set<Integer> paused = new TreeSet<>();
    /** "pause 2", "resume 0", ... in call order. */
    final List<String> calls = new ArrayList<>();

    FakeGate(int numberOfChannels) {
        for (int channel = 0; channel < numberOfChannels; channel++) {
            channels.add(new ArrayDeque<>());
        }
    }

    FakeGate add(int channel, StreamElement... elements) {
        channels.get(channel).addAll(List.of(elements));
        return this;
    }

    @Override
    public void pause(int channel) {
        if (!paused.add(channel)) {
            throw new AssertionError("channel " + channel + " paused twice");
        }
        calls.add("pause " + channel);
    }

    @Override
    public void resume(int channel) {
        if (!paused.remove(channel)) {
            throw new AssertionError("channel " + channel + " resumed but not paused");
        }
        calls.add("resume " + channel);
    }

    /** Paused channels in ascending order. */
    Set<Integer> paused() {
        return new TreeSet<>(paused);
    }

    /** Channels that would deliver on the next poll. */
    List<Integer> deliverable() {
        List<Integer> ready = new ArrayList<>();
        for (int channel = 0; channel < channels.size(); channel++) {
            if (!paused.contains(channel) && !channels.get(channel).isEmpty()) {
                ready.add(channel);
            }
        }
        return ready;
    }

    boolean isDrained() {
        return channels.stream().allMatch(Deque::isEmpty);
    }

    StreamElement take(int channel) {
        if (paused.contains(channel)) {
            throw new AssertionError("channel " + channel + " is paused");
        }
        StreamElement element = channels.get(channel).poll();
        if (element == null) {
            throw new AssertionError("channel " + channel + " is empty");
        }
        return element;
    }
}
