package org.neuronkit.cuda13;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.neuronkit.ConfigurationException;
import org.neuronkit.cuda13.api.CudaEngine;

/**
 * Loads cuda13-engine, with JavaCPP 1.5.13, in a class loader of its own that asks its parent only for
 * JDK classes and the shared interface package ({@code cuda13-api}): ND4J's JavaCPP 1.5.7 in the
 * application class loader stays invisible to it, and the bridge calls the engine through
 * {@link CudaEngine}, not by reflection. The engine's
 * classpath is the system property {@code neuronkit.cuda13.classpath} (entries separated by ':'), else
 * the {@code engine.classpath} resource written when this module was built (this checkout's engine and
 * the JavaCPP jars in the local Maven repository).
 */
final class EngineLoader {
    static final String PROPERTY = "neuronkit.cuda13.classpath";
    private static ClassLoader loader;
    private static CudaEngine engine;

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

    /**
     * The engine, found with {@link ServiceLoader} in its own class loader on first use. An
     * IllegalStateException names the classpath when it holds no engine.
     */
    static synchronized CudaEngine engine() {
        if (engine == null) {
            engine = ServiceLoader.load(CudaEngine.class, loader()).findFirst().orElseThrow(() -> new IllegalStateException(
                    "the CUDA 13 engine on " + classpath() + " declares no " + CudaEngine.class.getName() + " (META-INF/services)"));
        }
        return engine;
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
            loader = new EngineClassLoader(urls.toArray(URL[]::new));
        }
        return loader;
    }

    /**
     * The engine's classpath over the platform loader (JDK classes only, nothing of the application's
     * classpath), except the interface package {@code org.neuronkit.cuda13.api}, which comes from the loader
     * that loaded this class, so that both sides share {@link CudaEngine} and its records.
     */
    private static final class EngineClassLoader extends URLClassLoader {
        private static final String SHARED = CudaEngine.class.getPackageName() + ".";

        EngineClassLoader(URL[] urls) {
            super("cuda13-engine", urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(SHARED)) {
                return CudaEngine.class.getClassLoader().loadClass(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
