package io.sluice.bench.cluster;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A JVM the harness starts (engine, worker, ceiling pipe, Kafka Streams app), with a local JMX port so that its CPU
 * time, GC time and heap can be read the same way for every system measured.
 */
final class JvmProcess implements AutoCloseable {

    private static final ObjectName GARBAGE_COLLECTORS;

    static {
        try {
            GARBAGE_COLLECTORS = new ObjectName(ManagementFactory.GARBAGE_COLLECTOR_MXBEAN_DOMAIN_TYPE + ",*");
        } catch (javax.management.MalformedObjectNameException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Children do not outlive the harness, even when it is interrupted. */
    private static final java.util.Set<Process> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "bench-children"));
    }

    private final String name;
    private final Process process;
    private final int jmxPort;
    private JMXConnector connector;
    private MBeanServerConnection mbeans;

    private JvmProcess(String name, Process process, int jmxPort) {
        this.name = name;
        this.process = process;
        this.jmxPort = jmxPort;
    }

    /**
     * @param jvmArgs heap size and flags
     * @param mainArgs {@code -jar x.jar ...} or {@code -cp ... Main ...}
     */
    static JvmProcess start(String name, List<String> jvmArgs, List<String> mainArgs, Path log) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dsluice.component=" + name);
        command.addAll(jvmArgs);
        command.addAll(List.of(
                "-Dcom.sun.management.jmxremote.port=" + port,
                "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false"));
        command.addAll(mainArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LIVE.add(process);
        return new JvmProcess(name, process, port);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end; true if it ended with exit code 0 in time. */
    boolean awaitExit(long timeoutMillis) throws InterruptedException {
        return process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS) && process.exitValue() == 0;
    }

    /** A reading of the process's counters (CPU, GC, heap); connects over JMX on first use. */
    Reading read() throws IOException {
        MBeanServerConnection connection = connection();
        long cpu = ManagementFactory.newPlatformMXBeanProxy(connection, ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME,
                com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
        long gcMillis = 0;
        for (ObjectName gc : connection.queryNames(GARBAGE_COLLECTORS, null)) {
            gcMillis += ManagementFactory.newPlatformMXBeanProxy(connection, gc.toString(),
                    GarbageCollectorMXBean.class).getCollectionTime();
        }
        long heapUsed = ManagementFactory.newPlatformMXBeanProxy(connection, ManagementFactory.MEMORY_MXBEAN_NAME,
                MemoryMXBean.class).getHeapMemoryUsage().getUsed();
        return new Reading(cpu, gcMillis, heapUsed);
    }

    /** Retries while the JVM is starting its JMX agent. */
    private MBeanServerConnection connection() throws IOException {
        if (mbeans != null) {
            return mbeans;
        }
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
        IOException last = null;
        for (int attempt = 0; attempt < 100 && process.isAlive(); attempt++) {
            try {
                connector = JMXConnectorFactory.connect(url);
                mbeans = connector.getMBeanServerConnection();
                return mbeans;
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", interrupted);
                }
            }
        }
        throw new IOException("no JMX connection to " + name + " (alive: " + process.isAlive() + ")", last);
    }

    /** CPU time in nanoseconds, GC time in milliseconds (both since the JVM started), heap in use in bytes. */
    record Reading(long cpuNanos, long gcMillis, long heapUsed) {}

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (connector != null) {
            try {
                connector.close();
            } catch (IOException ignored) {
                // the process is going away anyway
            }
        }
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        LIVE.remove(process);
    }
}
