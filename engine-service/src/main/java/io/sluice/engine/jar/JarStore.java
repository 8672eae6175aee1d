package io.sluice.engine.jar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uploaded jars, one file each in a directory ({@code <jar id>}), which survives engine restarts: jars found
 * there at start are listed again. Each upload is checked (a zip holding a manifest or classes), checksummed and
 * searched for entry classes once. Thread-safe; blocking (file I/O): call it off the event loop.
 */
public final class JarStore {

    private static final Logger log = LoggerFactory.getLogger(JarStore.class);

    private final Path dir;
    private final long maxBytes;
    private final ClassLoader apiLoader;
    private final Map<JarId, StoredJar> jars = new ConcurrentHashMap<>();

    /**
     * @param maxBytes largest accepted jar
     * @param apiLoader the loader the job API comes from, parent of the loaders that search jars
     */
    public JarStore(Path dir, long maxBytes, ClassLoader apiLoader) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.apiLoader = apiLoader;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> JarId.isValid(f.getFileName().toString())).forEach(this::reload);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use jar directory " + dir, e);
        }
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Takes over an uploaded file (moved into the store, or deleted if refused).
     *
     * @throws JarException 413 when larger than the limit, 400 when not a jar
     */
    public StoredJar add(String fileName, Path upload) throws IOException {
        try {
            long size = Files.size(upload);
            if (size > maxBytes) {
                throw new JarException(JarException.Kind.TOO_LARGE, "jarfile",
                        "jarfile is " + size + " bytes, more than the limit of " + maxBytes + " bytes");
            }
            JarId id = JarId.forUpload(fileName);
            Path file = dir.resolve(id.value());
            Files.move(upload, file, StandardCopyOption.ATOMIC_MOVE);
            try {
                StoredJar jar = inspect(id, file, Instant.now());
                jars.put(id, jar);
                log.info("Stored jar {} ({} bytes, sha256 {}, entry classes {})", id, size, jar.sha256(),
                        jar.entryClasses());
                return jar;
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    /** Newest first. */
    public List<StoredJar> list() {
        return jars.values().stream().sorted(Comparator.comparing(StoredJar::uploaded).reversed()).toList();
    }

    public Optional<StoredJar> get(JarId id) {
        return Optional.ofNullable(jars.get(id));
    }

    /** @throws JarException 404 when there is no such jar */
    public StoredJar require(String jarId) {
        if (!JarId.isValid(jarId)) {
            throw JarException.unknown(jarId);
        }
        return get(new JarId(jarId)).orElseThrow(() -> JarException.unknown(jarId));
    }

    /** Deletes the jar; jobs already running from it keep running (workers hold their own copies). */
    public void delete(JarId id) throws IOException {
        StoredJar jar = jars.remove(id);
        if (jar == null) {
            throw JarException.unknown(id.value());
        }
        Files.deleteIfExists(jar.file());
        log.info("Deleted jar {}", id);
    }

    /** A fresh temporary file in the store's directory (same file system, so {@link #add} can move it). */
    public Path newUploadFile() throws IOException {
        return Files.createTempFile(dir, "upload-", ".part");
    }

    private void reload(Path file) {
        JarId id = new JarId(file.getFileName().toString());
        try {
            jars.put(id, inspect(id, file, Files.getLastModifiedTime(file).toInstant()));
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring {} in the jar directory: {}", file, e.getMessage());
        }
    }

    private StoredJar inspect(JarId id, Path file, Instant uploaded) throws IOException {
        String mainClass;
        try (JarFile jar = new JarFile(file.toFile())) {
            Manifest manifest = jar.getManifest();
            boolean hasClasses = jar.stream().anyMatch(e -> e.getName().endsWith(".class"));
            if (manifest == null && !hasClasses) {
                throw JarException.invalid("jarfile", "jarfile is a zip file without a manifest or classes, not a jar");
            }
            mainClass = manifest == null ? null : manifest.getMainAttributes().getValue("Main-Class");
        } catch (ZipException | SecurityException e) {
            throw JarException.invalid("jarfile", "jarfile is not a jar (zip) file: " + e.getMessage());
        }
        return new StoredJar(id, uploaded, Files.size(file), sha256(file),
                EntryClasses.find(file, mainClass == null ? null : mainClass.trim(), apiLoader),
                mainClass == null ? null : mainClass.trim(), file);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
