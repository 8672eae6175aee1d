package io.sluice.engine.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.engine.jar.StoredJar;
import java.util.List;

/** Response of {@code GET /jars}, Flink-shaped ({@code files[].entry[].name}), plus size and checksum. */
public record JarList(String address, List<JarFile> files) {

    public record JarFile(String id, String name, long uploaded, long size, String sha256,
            @JsonProperty("main-class") String mainClass, List<Entry> entry) {}

    public record Entry(String name, String description) {}

    static JarList of(String address, List<StoredJar> jars) {
        return new JarList(address, jars.stream()
                .map(jar -> new JarFile(jar.id().value(), jar.id().fileName(), jar.uploaded().toEpochMilli(),
                        jar.size(), jar.sha256(), jar.mainClass(),
                        jar.entryClasses().stream().map(name -> new Entry(name, null)).toList()))
                .toList());
    }
}
