package org.neuronkit.cuda13;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neuronkit.ConfigurationException;

/**
 * Loads cuda13-engine, with JavaCPP 1.5.13, in a class loader of its own that asks its parent only for
 * JDK classes: ND4J's JavaCPP 1.5.7 in the application class loader stays invisible to it. The engine's
 * classpath is the system property {@code neuronkit.cuda13.classpath} (entries separated by ':'), else
 * the {@code engine.classpath} resource written when this module was built (this checkout's engine and
 * the JavaCPP jars in the local Maven repository).
 */
final class EngineLoader {
    static final String PROPERTY = "neuronkit.cuda13.classpath";
    private static final String ENTRY = "org.neuronkit.cuda13.engine.EngineEntry";
    private static ClassLoader loader;

    private EngineLoader() {
    }

    /** The engine's classpath entries; each must exist. */
    static List<Path> classpath() {
        String property = System.getProperty(PROPERTY);
        List<Path> entries = new ArrayList<>();
        String text = property != null ? property.replace(':', '\n') : resource();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                entries.add(Path.of(line.trim()));
            }
        }
        List<String> missing = entries.stream().filter(p -> !Files.exists(p)).map(Path::toString).toList();
        if (entries.isEmpty() || !missing.isEmpty()) {
            throw new ConfigurationException("the CUDA 13 engine is not where " + (property != null ? "-D" + PROPERTY : "this build's engine.classpath")
                    + " says: missing " + (entries.isEmpty() ? "every entry" : String.join(", ", missing))
                    + ". Build it with: mvn -B -pl backend-cuda13 -am package -DskipTests (JavaCPP's jars come with that build)");
        }
        return entries;
    }

    private static String resource() {
        try (InputStream in = EngineLoader.class.getResourceAsStream("engine.classpath")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Calls a static method of the engine's EngineEntry; the engine's own exceptions come out unwrapped. */
    static Object call(String method, Class<?>[] types, Object... args) {
        try {
            Method m = entryClass().getMethod(method, types);
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the CUDA 13 engine failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the CUDA 13 engine on " + classpath() + " has no " + method + ": " + e, e);
        }
    }

    private static Class<?> entryClass() throws ClassNotFoundException {
        return Class.forName(ENTRY, true, loader());
    }

    /** The engine's class loader, made on first use. */
    static synchronized ClassLoader loader() {
        if (loader == null) {
            List<URL> urls = new ArrayList<>();
            for (Path path : classpath()) {
                try {
                    urls.add(path.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }
            // parent = the platform loader: JDK classes only, nothing of the application's classpath
            loader = new URLClassLoader("cuda13-engine", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        }
        return loader;
    }
}
