package io.sluice.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Forwards TCP connections from a local port to another: lets a test hand out a broker address before the broker
 * exists. (Kafka clients use it only to bootstrap; then they connect to the address the broker advertises.)
 */
final class TcpForwarder implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;

    TcpForwarder(int port, int targetPort) throws IOException {
        this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        daemon(this::acceptLoop);
    }

    /** A port nothing listens on (yet). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                daemon(() -> copy(client, target));
                daemon(() -> copy(target, client));
            }
        } catch (IOException closed) {
            // server socket closed: done
        }
    }

    private static void copy(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void daemon(Runnable body) {
        Thread thread = new Thread(body, "tcp-forwarder");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
