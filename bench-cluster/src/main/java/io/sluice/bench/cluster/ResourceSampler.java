package io.sluice.bench.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measures what a run costs the processes that do the work: CPU seconds, GC time and peak heap from each JVM
 * ({@link JvmProcess#read()}), and the bytes of Chronicle Map files under the workers' data directories, sampled
 * every {@link #INTERVAL_MILLIS} on a thread of its own between {@link #start()} and {@link #stop()}.
 */
final class ResourceSampler {

    static final long INTERVAL_MILLIS = 250;

    private final List<JvmProcess> processes;
    private final List<Path> stateDirs;
    private final Map<JvmProcess, JvmProcess.Reading> first = new HashMap<>();
    private final Map<JvmProcess, JvmProcess.Reading> last = new HashMap<>();
    private final Map<JvmProcess, Long> peakHeap = new HashMap<>();
    private volatile boolean running;
    private long peakStateBytes;
    private long startNanos;
    private long stopNanos;
    private Thread thread;

    ResourceSampler(List<JvmProcess> processes, List<Path> stateDirs) {
        this.processes = processes;
        this.stateDirs = stateDirs;
    }

    void start() {
        startNanos = System.nanoTime();
        sample();
        running = true;
        thread = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(INTERVAL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                sample();
            }
        }, "resource-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    Resources stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
        sample();
        stopNanos = System.nanoTime();
        double wallSeconds = (stopNanos - startNanos) / 1e9;
        double cpuSeconds = 0;
        double worstGcShare = 0;
        long worstHeap = 0;
        for (JvmProcess process : processes) {
            JvmProcess.Reading a = first.get(process);
            JvmProcess.Reading b = last.get(process);
            if (a == null || b == null) {
                continue;
            }
            cpuSeconds += (b.cpuNanos() - a.cpuNanos()) / 1e9;
            worstGcShare = Math.max(worstGcShare, (b.gcMillis() - a.gcMillis()) / 1000.0 / wallSeconds);
            worstHeap = Math.max(worstHeap, peakHeap.getOrDefault(process, 0L));
        }
        return new Resources(cpuSeconds, worstGcShare, worstHeap, peakStateBytes);
    }

    private synchronized void sample() {
        for (JvmProcess process : processes) {
            try {
                JvmProcess.Reading reading = process.read();
                first.putIfAbsent(process, reading);
                last.put(process, reading);
                peakHeap.merge(process, reading.heapUsed(), Math::max);
            } catch (IOException | RuntimeException e) {
                // A process that just ended keeps its last reading.
            }
        }
        peakStateBytes = Math.max(peakStateBytes, stateBytes());
    }

    private long stateBytes() {
        long bytes = 0;
        for (Path dir : stateDirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                bytes += files.filter(f -> f.toString().endsWith(".cmap")).mapToLong(ResourceSampler::size).sum();
            } catch (IOException | UncheckedIOException e) {
                // files come and go with tasks; a failed walk counts as nothing
            }
        }
        return bytes;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * @param cpuSeconds CPU time of all the measured processes together
     * @param gcShare the largest share of wall time any one process spent in GC
     * @param peakHeap the largest heap in use sampled in any one process
     * @param chronicleBytes the largest total size of Chronicle Map files sampled
     */
    record Resources(double cpuSeconds, double gcShare, long peakHeap, long chronicleBytes) {}
}
