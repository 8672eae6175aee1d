package io.sluice.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A service's executable jar as the reactor built it: {@code <module>/target/<module>-*-exec.jar}. */
final class ExecutableJar {

    private ExecutableJar() {}

    static Path of(String module) throws IOException {
        Path target = Path.of("..", module, "target").toAbsolutePath().normalize();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, module + "-*-exec.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IllegalStateException("no " + module + "-*-exec.jar in " + target + ": build the reactor first");
    }
}
