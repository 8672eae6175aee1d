package io.sluice.runtime.io;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.sluice.runtime.record.RecordKryo;
import io.sluice.runtime.StreamElement;

/**
 * Binary form of {@link StreamElement}s between tasks: one tag byte for the element kind, then the fields.
 * Watermarks and barriers are a few bytes; end of input is one byte. Record values are written with Kryo
 * (class name + fields, so no registration is needed; common types are registered to keep rows small), resolving
 * classes with the job's user class loader. Java records, rows (LinkedHashMap) and JDK immutable collections
 * round-trip; classes without a no-arg constructor are instantiated without one.
 *
 * <p>Elements {@linkplain #encode(StreamElement, Output) appended} one after another to one buffer form a batch:
 * {@link #startBatch} then {@link #hasNext}/{@link #next} read them back in order.
 *
 * <p>One instance per thread: Kryo and the buffers are not thread-safe.
 */
public final class StreamElementCodec {

    private static final byte RECORD = 1;
    private static final byte WATERMARK = 2;
    private static final byte CHECKPOINT_BARRIER = 3;
    private static final byte END_OF_INPUT = 4;
    private static final byte SAVEPOINT_BARRIER = 5;

    private static final int INITIAL_BUFFER = 256;

    private final Kryo kryo;
    private final Output output = new Output(INITIAL_BUFFER, -1);
    private final Input input = new Input();

    public StreamElementCodec(ClassLoader userClassLoader) {
        this.kryo = RecordKryo.create(userClassLoader);
    }

    public byte[] encode(StreamElement element) {
        output.reset();
        encode(element, output);
        return output.toBytes();
    }

    /** Appends the element to {@code output}, after whatever it holds (a batch). */
    public void encode(StreamElement element, Output output) {
        if (element instanceof StreamElement.Record record) {
            output.writeByte(RECORD);
            output.writeVarLong(record.timestamp(), false);
            kryo.writeClassAndObject(output, record.value());
        } else if (element instanceof StreamElement.Watermark watermark) {
            output.writeByte(WATERMARK);
            output.writeVarLong(watermark.timestamp(), false);
        } else if (element instanceof StreamElement.CheckpointBarrier barrier) {
            output.writeByte(barrier.isSavepoint() ? SAVEPOINT_BARRIER : CHECKPOINT_BARRIER);
            output.writeVarLong(barrier.checkpointId(), true);
            output.writeVarLong(barrier.timestamp(), false);
            if (barrier.isSavepoint()) {
                output.writeString(barrier.savepointDirectory());
            }
        } else {
            output.writeByte(END_OF_INPUT);
        }
    }

    /** Decodes one element encoded alone. */
    public StreamElement decode(byte[] bytes) {
        startBatch(bytes);
        return next();
    }

    /** Starts reading a batch of elements encoded one after another. */
    public void startBatch(byte[] bytes) {
        input.setBuffer(bytes);
    }

    /** Whether the batch has another element. */
    public boolean hasNext() {
        return input.position() < input.limit();
    }

    /** The batch's next element. */
    public StreamElement next() {
        byte tag = input.readByte();
        return switch (tag) {
            case RECORD -> {
                long timestamp = input.readVarLong(false);
                yield new StreamElement.Record(kryo.readClassAndObject(input), timestamp);
            }
            case WATERMARK -> new StreamElement.Watermark(input.readVarLong(false));
            case CHECKPOINT_BARRIER -> new StreamElement.CheckpointBarrier(input.readVarLong(true), input.readVarLong(false));
            case SAVEPOINT_BARRIER -> new StreamElement.CheckpointBarrier(
                    input.readVarLong(true), input.readVarLong(false), input.readString());
            case END_OF_INPUT -> StreamElement.EndOfInput.INSTANCE;
            default -> throw new IllegalArgumentException("not a stream element: tag " + tag);
        };
    }
}
