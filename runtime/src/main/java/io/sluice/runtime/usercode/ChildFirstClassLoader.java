package io.sluice.runtime.usercode;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Loads a job's classes from its jar before its parent's (Flink's child-first order), so that a job bundling its own
 * version of a library sees that version, and two jobs never see each other's classes. Classes of the JDK and of
 * the packages named parent-first always come from the parent: they are the contract between the job and Sluice
 * (the API's function interfaces, the graph records) and must be the very same classes on both sides.
 *
 * <p>Close it when the job's last task ended: that releases the jar file; the loader and its classes go once
 * nothing refers to them any more.
 */
public class ChildFirstClassLoader extends URLClassLoader {

    /** The JDK's own packages: never from a user jar. */
    private static final List<String> JDK_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final List<String> parentFirst;

    /**
     * @param parentFirstPackages package prefixes (e.g. {@code "io.sluice.api."}) whose classes and resources come
     *     from the parent only
     */
    public ChildFirstClassLoader(String name, URL[] urls, ClassLoader parent, List<String> parentFirstPackages) {
        super(name, urls, parent);
        List<String> prefixes = new ArrayList<>(JDK_PACKAGES);
        prefixes.addAll(parentFirstPackages);
        this.parentFirst = List.copyOf(prefixes);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isParentFirst(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                try {
                    loaded = findClass(name);
                } catch (ClassNotFoundException notInJar) {
                    loaded = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        if (isParentFirst(resourceAsClassName(name))) {
            return super.getResource(name);
        }
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (isParentFirst(resourceAsClassName(name))) {
            return super.getResources(name);
        }
        List<URL> urls = new ArrayList<>(Collections.list(findResources(name)));
        urls.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(urls);
    }

    private boolean isParentFirst(String className) {
        for (String prefix : parentFirst) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String resourceAsClassName(String resource) {
        return resource.replace('/', '.');
    }
}
