package io.sluice.worker.jar;

import io.sluice.graph.UserJar;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job jars on this worker: fetched once from the engine ({@code GET /jars/{id}/content}), checked against the
 * SHA-256 the job names, kept under the cache directory as {@code <sha256>.jar} (content-addressed, so a cached
 * file is the right one for any job naming that checksum). Thread-safe.
 */
public final class JarCache {

    private static final Logger log = LoggerFactory.getLogger(JarCache.class);

    private final URI engine;
    private final Path dir;
    private final Duration timeout;
    // Created here, on the configuration thread: its selector thread must not inherit a task's context loader.
    private final HttpClient http;

    public JarCache(URI engine, Path dir, Duration timeout) {
        this.engine = engine;
        this.dir = dir;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The local copy of the jar, fetched if not cached. */
    public synchronized Path get(UserJar jar) throws IOException, InterruptedException {
        Path file = dir.resolve(jar.sha256() + ".jar");
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(dir);
        Path part = Files.createTempFile(dir, "fetch-", ".part");
        try {
            URI uri = engine.resolve("/jars/" + jar.jarId() + "/content");
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            String sha256;
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("GET " + uri + " answered " + response.statusCode()
                            + (response.statusCode() == 404 ? ": the jar was deleted from the engine" : ""));
                }
                sha256 = copyHashing(body, part);
            }
            if (!sha256.equals(jar.sha256())) {
                throw new IOException("jar " + jar.jarId() + " from " + uri + " has SHA-256 " + sha256
                        + ", the job expects " + jar.sha256() + ": refusing to load it");
            }
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
            log.info("Fetched jar {} ({} bytes) into {}", jar.jarId(), Files.size(file), file);
            return file;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static String copyHashing(InputStream in, Path target) throws IOException {
        try (DigestInputStream digesting = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"));
                OutputStream out = Files.newOutputStream(target)) {
            digesting.transferTo(out);
            return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
