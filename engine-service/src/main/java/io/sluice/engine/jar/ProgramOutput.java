package io.sluice.engine.jar;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what a program prints while the engine runs it, per invocation.
 *
 * <p>{@code System.out} and {@code System.err} are JVM-wide, so swapping them around each run would race between
 * concurrent runs and with the engine's own logging. Instead they are replaced once, by {@link #install()}, with
 * streams that look up an inheritable thread-local buffer: threads of a program (and threads it starts) write into
 * that program's buffer, every other thread writes through to the original stream unchanged.
 */
final class ProgramOutput {

    /** Output beyond this is dropped (a program printing in a loop must not fill the heap). */
    static final int MAX_BYTES = 64 * 1024;

    private static final InheritableThreadLocal<Buffer> CURRENT = new InheritableThreadLocal<>();

    private ProgramOutput() {}

    /** Installs the routing streams once per JVM; later calls do nothing. */
    static synchronized void install() {
        if (!(System.out instanceof Routing)) {
            System.setOut(new Routing(System.out, true));
        }
        if (!(System.err instanceof Routing)) {
            System.setErr(new Routing(System.err, false));
        }
    }

    /** Routes this thread's (and its future child threads') output into {@code buffer}. */
    static void routeCurrentThreadTo(Buffer buffer) {
        CURRENT.set(buffer);
    }

    /** A bounded buffer of one program's output, both streams interleaved. */
    static final class Buffer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean truncated;
        private volatile boolean closed;

        /**
         * Ends the capture: threads that inherited the buffer and outlive the program (a pool thread it happened to
         * start) write to the original stream again.
         */
        void close() {
            closed = true;
        }

        boolean isOpen() {
            return !closed;
        }

        synchronized void write(byte[] b, int off, int len) {
            int room = MAX_BYTES - bytes.size();
            if (len > room) {
                truncated = true;
            }
            bytes.write(b, off, Math.max(0, Math.min(len, room)));
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8) + (truncated ? "\n[output truncated]" : "");
        }
    }

    /** A print stream that writes to the current thread's buffer if it has one, else to the original stream. */
    private static final class Routing extends PrintStream {
        Routing(PrintStream original, boolean out) {
            super(new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    Buffer buffer = CURRENT.get();
                    if (buffer != null && buffer.isOpen()) {
                        buffer.write(b, off, len);
                    } else {
                        original.write(b, off, len);
                    }
                }

                @Override
                public void flush() {
                    original.flush();
                }
            }, true, StandardCharsets.UTF_8);
        }
    }
}
