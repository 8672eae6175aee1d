package io.sluice.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), for the local cluster and
 * for integration tests. No Kafka installation and no docker needed. The data directory is formatted on first use
 * and reused afterwards, so topics survive a restart.
 *
 * <p>Run as a program it listens on fixed ports (default 9092, controller 9093) and prints
 * {@code Kafka broker ready on localhost:9092} once clients can connect.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    public static final int DEFAULT_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final int port;
    private final int controllerPort;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalKafkaBroker(KafkaRaftServer server, int port, int controllerPort) {
        this.server = server;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Starts a broker and returns once it accepts connections.
     *
     * @param dataDir where the broker keeps its configuration and logs; created if absent, formatted if new
     * @param port client port; 0 picks a free one
     * @param controllerPort KRaft controller port; 0 picks a free one
     */
    public static LocalKafkaBroker start(Path dataDir, int port, int controllerPort) throws IOException {
        int[] ports = resolvePorts(port, controllerPort);
        Properties config = brokerConfig(dataDir.toAbsolutePath(), ports[0], ports[1]);
        Files.createDirectories(dataDir);
        Path configFile = dataDir.resolve("server.properties");
        try (Writer w = Files.newBufferedWriter(configFile)) {
            config.store(w, "written by Sluice LocalKafkaBroker on every start");
        }
        formatIfNew(dataDir.resolve("logs"), configFile);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config), Time.SYSTEM);
        server.startup();
        LocalKafkaBroker broker = new LocalKafkaBroker(server, ports[0], ports[1]);
        try {
            awaitAcceptingConnections(ports[0]);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** The KRaft controller port: with {@link #port()} and the data dir, what a restart needs to be the same broker. */
    public int controllerPort() {
        return controllerPort;
    }

    /** Blocks until the broker has stopped (after {@link #close()} or a fatal error). */
    public void awaitShutdown() {
        server.awaitShutdown();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.shutdown();
            server.awaitShutdown();
        }
    }

    private static Properties brokerConfig(Path dataDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("logs").toString());
        p.put("num.partitions", "1");
        // One node: every internal topic has a single replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Sinks stamp records with event time: replayed old events would be deleted by time-based retention at
        // its first check, so this development broker limits partitions by size instead.
        p.put("log.retention.ms", "-1");
        p.put("log.retention.bytes", Long.toString(1L << 30));
        // Consumer groups form at once instead of after the default 3 s delay.
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    private static void formatIfNew(Path logDir, Path configFile) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] args = {
            "format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString(), "--ignore-formatted"
        };
        int rc;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(args, out);
        }
        if (rc != 0) {
            throw new IllegalStateException("formatting the Kafka data directory " + logDir + " failed (exit " + rc
                    + "): " + output.toString(StandardCharsets.UTF_8));
        }
    }

    /** Fixed ports must be free (a clear error beats Kafka's bind failure deep in startup); 0 picks free ones. */
    private static int[] resolvePorts(int port, int controllerPort) throws IOException {
        try (ServerSocket a = bindOrExplain(port);
                ServerSocket b = bindOrExplain(controllerPort)) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }

    private static ServerSocket bindOrExplain(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", port));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw new IOException("port " + port + " is already in use (another Kafka broker?)", e);
        }
    }

    private static void awaitAcceptingConnections(int port) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("localhost", port), 1000);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new UncheckedIOException(
                            "Kafka broker did not accept connections on port " + port + " within " + READY_TIMEOUT,
                            notYet);
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }

    /** {@code LocalKafkaBroker [--data-dir DIR] [--port 9092] [--controller-port 9093]}. */
    public static void main(String[] args) {
        Path dataDir = Path.of(".sluice", "data", "kafka");
        int port = DEFAULT_PORT;
        int controllerPort = DEFAULT_CONTROLLER_PORT;
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--data-dir" -> dataDir = Path.of(required(args[i], value));
                    case "--port" -> port = Integer.parseInt(required(args[i], value));
                    case "--controller-port" -> controllerPort = Integer.parseInt(required(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: LocalKafkaBroker [--data-dir DIR] [--port 9092] [--controller-port 9093]");
            System.exit(2);
        }
        LocalKafkaBroker broker;
        try {
            broker = start(dataDir, port, controllerPort);
        } catch (IOException e) {
            System.err.println("Kafka broker failed to start: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            System.err.println("Kafka broker failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-shutdown"));
        System.out.println("Kafka broker ready on " + broker.bootstrapServers());
        broker.awaitShutdown();
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
