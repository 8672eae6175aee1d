package io.sluice.runtime.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds job jars in tests as a user would: Java sources compiled with the JDK's compiler against this JVM's class
 * path (which holds platform-api), packed into a jar with a manifest. The classes in it are on no class path of the
 * test: only a loader of that jar can see them.
 */
public final class TestJars {

    private TestJars() {}

    /**
     * Compiles {@code sources} (fully qualified class name → source) and writes them as a jar.
     *
     * @param mainClass the manifest's Main-Class, or null for none
     */
    public static Path build(Path dir, String jarName, Map<String, String> sources, String mainClass) {
        try {
            Path classes = Files.createTempDirectory(dir, "classes");
            List<Path> files = new ArrayList<>();
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = dir.resolve("src-" + jarName).resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                files.add(file);
            }
            compile(files, classes, testClassPath());
            return jar(classes, dir.resolve(jarName), mainClass);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This JVM's class path; under surefire (a manifest-only booter jar) the test class path it reports. */
    public static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Compiles the source files into {@code classes} against {@code classPath}; fails with the compiler's report. */
    public static void compile(List<Path> sourceFiles, Path classes, String classPath) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", classes.toString(), "-classpath", classPath, "--release", "17",
                    "-proc:none", "-nowarn");
            boolean ok = compiler.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sourceFiles)).call();
            if (!ok) {
                throw new IllegalStateException("compilation failed: " + diagnostics.getDiagnostics());
            }
        }
    }

    /** Packs the directory tree into a jar with a manifest (Main-Class when given). */
    public static Path jar(Path classes, Path jar, String mainClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                Stream<Path> tree = Files.walk(classes)) {
            for (Path path : tree.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
