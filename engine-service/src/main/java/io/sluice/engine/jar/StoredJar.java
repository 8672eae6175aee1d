package io.sluice.engine.jar;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * An uploaded jar as the engine keeps it.
 *
 * @param sha256 SHA-256 of the file, lowercase hex: workers check the copy they fetch against it
 * @param entryClasses classes that can start a job: the manifest's Main-Class first, then classes with a
 *     {@code public static void main(String[])} or implementing {@link io.sluice.api.JobFactory}
 * @param mainClass the manifest's Main-Class, or null
 */
public record StoredJar(JarId id, Instant uploaded, long size, String sha256, List<String> entryClasses,
        String mainClass, Path file) {

    public StoredJar {
        entryClasses = List.copyOf(entryClasses);
    }
}
