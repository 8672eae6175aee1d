package io.sluice.engine.jar;

import io.sluice.api.JobFactory;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Finds the classes of a jar that can start a job, without running any of them: classes are loaded but not
 * initialized (no static initializer runs), in a loader of their own that is closed afterwards.
 */
final class EntryClasses {

    /** Jars with more classes are not searched beyond the manifest (a fat jar of libraries, say). */
    static final int MAX_SCANNED = 5_000;

    private EntryClasses() {}

    /** The manifest's Main-Class first (when set), then the others in jar order. */
    static List<String> find(Path jar, String mainClass, ClassLoader parent) throws IOException {
        Set<String> found = new LinkedHashSet<>();
        if (mainClass != null) {
            found.add(mainClass);
        }
        List<String> names = classNames(jar);
        if (names.size() > MAX_SCANNED) {
            return List.copyOf(found);
        }
        try (ProgramClassLoader loader = new ProgramClassLoader(jar, parent)) {
            for (String name : names) {
                if (isEntry(name, loader)) {
                    found.add(name);
                }
            }
        }
        return List.copyOf(found);
    }

    private static boolean isEntry(String name, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(name, false, loader);
            if (!Modifier.isPublic(type.getModifiers())) {
                return false;
            }
            if (JobFactory.class.isAssignableFrom(type) && !type.isInterface()
                    && !Modifier.isAbstract(type.getModifiers())) {
                return true;
            }
            Method main = type.getMethod("main", String[].class);
            return Modifier.isStatic(main.getModifiers()) && main.getReturnType() == void.class;
        } catch (ReflectiveOperationException | LinkageError notAnEntry) {
            // No main, or a class whose dependencies are not in the jar: not something we can start.
            return false;
        }
    }

    private static List<String> classNames(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String entry = entries.nextElement().getName();
                if (entry.endsWith(".class") && !entry.startsWith("META-INF/") && !entry.endsWith("module-info.class")
                        && !entry.endsWith("package-info.class")) {
                    names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
                }
            }
        }
        return names;
    }
}
