package io.sluice.worker.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Supplier;
import org.springframework.core.env.Environment;

/**
 * The worker's host:port for the engine: the configured address, else this host and the HTTP port actually bound
 * ({@code local.server.port} is known only once the server started, e.g. with {@code server.port=0}).
 */
final class AdvertisedAddress implements Supplier<String> {

    private final String configured;
    private final Environment environment;
    private final String host;

    AdvertisedAddress(String configured, Environment environment) {
        this.configured = configured;
        this.environment = environment;
        this.host = configured != null ? null : localHostName();
    }

    @Override
    public String get() {
        if (configured != null) {
            return configured;
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8082"));
        return host + ":" + port;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
