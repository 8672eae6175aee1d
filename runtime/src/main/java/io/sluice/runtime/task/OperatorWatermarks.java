package io.sluice.runtime.task;

import java.util.OptionalLong;

/**
 * Event time of a head operator with one or two logical inputs: each input's watermark is the minimum over its
 * channels ({@link InputWatermarks}), the operator's the minimum over its inputs (again with idleness and ended
 * inputs not holding it back). With one input this is exactly that input's {@link InputWatermarks}.
 */
final class OperatorWatermarks {

    private final int[] inputOf;
    private final int[] indexInInput;
    private final InputWatermarks[] inputs;
    private final int[] openChannels;
    private final InputWatermarks combined;

    /** @param inputOfChannel the logical input (0 or 1) of each channel, in channel order */
    OperatorWatermarks(int[] inputOfChannel) {
        int inputCount = 1;
        for (int input : inputOfChannel) {
            inputCount = Math.max(inputCount, input + 1);
        }
        inputOf = inputOfChannel.clone();
        indexInInput = new int[inputOf.length];
        openChannels = new int[inputCount];
        for (int channel = 0; channel < inputOf.length; channel++) {
            indexInInput[channel] = openChannels[inputOf[channel]]++;
        }
        inputs = new InputWatermarks[inputCount];
        for (int input = 0; input < inputCount; input++) {
            inputs[input] = new InputWatermarks(openChannels[input]);
        }
        combined = new InputWatermarks(inputCount);
        for (int input = 0; input < inputCount; input++) {
            if (openChannels[input] == 0) {
                combined.onEndOfInput(input); // an input without channels never holds event time back
            }
        }
    }

    /** The operator's new watermark (or the idle marker), if this one changes it. */
    OptionalLong onWatermark(int channel, long watermark) {
        int input = inputOf[channel];
        OptionalLong inputWatermark = inputs[input].onWatermark(indexInInput[channel], watermark);
        return inputWatermark.isPresent() ? combined.onWatermark(input, inputWatermark.getAsLong()) : OptionalLong.empty();
    }

    OptionalLong onEndOfInput(int channel) {
        int input = inputOf[channel];
        OptionalLong inputWatermark = inputs[input].onEndOfInput(indexInInput[channel]);
        if (--openChannels[input] == 0) {
            return combined.onEndOfInput(input);
        }
        return inputWatermark.isPresent() ? combined.onWatermark(input, inputWatermark.getAsLong()) : OptionalLong.empty();
    }
}
