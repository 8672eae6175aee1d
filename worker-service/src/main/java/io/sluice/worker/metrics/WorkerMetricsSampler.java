package io.sluice.worker.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sluice.protocol.WorkerMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * Samples this worker's JVM (heap, off-heap, GC) and the size of its Chronicle Map files for the engine; binds
 * slots and Chronicle bytes to Micrometer (the JVM's own meters come with Spring Boot).
 */
public final class WorkerMetricsSampler implements MeterBinder {

    private final int slots;
    private final IntSupplier usedSlots;
    private final Path dataDir;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    /** @param dataDir where the workers' Chronicle Map files live ({@code *.cmap}) */
    public WorkerMetricsSampler(int slots, IntSupplier usedSlots, Path dataDir) {
        this.slots = slots;
        this.usedSlots = usedSlots;
        this.dataDir = dataDir;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("sluice.worker.slots", () -> slots).register(registry);
        Gauge.builder("sluice.worker.slots.free", () -> Math.max(0, slots - usedSlots.getAsInt())).register(registry);
        Gauge.builder("sluice.worker.chronicle.map.bytes", this::chronicleMapBytes).baseUnit("bytes").register(registry);
    }

    public WorkerMetrics sample() {
        long buffers = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .mapToLong(BufferPoolMXBean::getMemoryUsed).filter(used -> used > 0).sum();
        long gcTime = 0;
        long gcCount = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcTime += Math.max(0, gc.getCollectionTime());
            gcCount += Math.max(0, gc.getCollectionCount());
        }
        return new WorkerMetrics(
                slots,
                Math.max(0, slots - usedSlots.getAsInt()),
                memory.getHeapMemoryUsage().getUsed(),
                memory.getHeapMemoryUsage().getMax(),
                memory.getNonHeapMemoryUsage().getUsed() + buffers,
                chronicleMapBytes(),
                gcTime,
                gcCount);
    }

    /** Bytes of the {@code .cmap} files (their length: the files are sparse, so this bounds what is on disk). */
    public long chronicleMapBytes() {
        if (!Files.isDirectory(dataDir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(f -> f.toString().endsWith(".cmap")).mapToLong(WorkerMetricsSampler::size).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0; // a task deleted its files while we walked: the next sample sees the rest
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
