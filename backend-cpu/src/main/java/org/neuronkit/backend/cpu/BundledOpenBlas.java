package org.neuronkit.backend.cpu;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newer OpenBLAS this module bundles, loaded in place of the 0.3.19 that ND4J 1.0.0-M2.1 ships
 * (docs/design.md, "GEMM library").
 *
 * <p>How: libnd4j asks for {@code libopenblas.so.0} by name and calls {@code cblas_sgemm} and the
 * other CBLAS functions through the process's global symbol scope. {@link #load()} runs before ND4J
 * loads any native library ({@link Nd4jStartHook}) and loads the bundled library, with the Fortran
 * runtime it needs, into that global scope ({@link Loader#loadGlobal}). From then on libnd4j's and
 * JavaCPP's OpenBLAS bindings resolve every BLAS symbol to it; ND4J's own copy still loads, but
 * nothing calls into it. The ABI of the CBLAS functions is the same across these releases. Spark ML's
 * native BLAS is pointed at it too ({@link NetlibBinding}), so that no second OpenBLAS loads.
 *
 * <p>The files come from the JavaCPP preset jar {@code org.bytedeco:openblas:0.3.31-1.5.13}, copied
 * at build time into this module's resources; only the native library is used, never that jar's
 * JavaCPP 1.5.13 classes. Linux x86-64 only; elsewhere ND4J's own OpenBLAS is used.
 *
 * <p>Before loading it, {@link OpenBlasCoreType#beforeLoad()} chooses its AVX-512 kernels on AMD CPUs
 * that have them (OpenBLAS alone takes Zen 5 for a Haswell).
 *
 * <p>{@code -Dneuronkit.openblas=nd4j} keeps ND4J's OpenBLAS (for comparing the two, or if a
 * problem is suspected); the default is {@code bundled}.
 */
public final class BundledOpenBlas {
    /** The system property that chooses the OpenBLAS: {@code bundled} (default) or {@code nd4j}. */
    public static final String PROPERTY = "neuronkit.openblas";

    private static final Logger LOG = LoggerFactory.getLogger(BundledOpenBlas.class);
    private static final String FOLDER = "openblas/";
    /** The files to load, in dependency order: libgfortran needs libquadmath, OpenBLAS needs libgfortran. */
    private static final List<String> LIBRARIES = List.of("libquadmath.so.0", "libgfortran.so.5", "libopenblas.so.0");

    private static Optional<Path> loaded;

    private BundledOpenBlas() {
    }

    /**
     * Loads the bundled OpenBLAS into the global symbol scope, once, unless {@value #PROPERTY} is
     * {@code nd4j}, the platform has no bundled build, or ND4J's OpenBLAS is already loaded (then a
     * warning says so). Never throws: whatever goes wrong leaves ND4J's own OpenBLAS in use, with a
     * warning.
     *
     * @return the loaded library's file, or empty if ND4J's own is used
     */
    static synchronized Optional<Path> load() {
        if (loaded != null) {
            return loaded;
        }
        loaded = Optional.empty();
        if ("nd4j".equalsIgnoreCase(System.getProperty(PROPERTY, "bundled"))) {
            return loaded;
        }
        Properties build = buildProperties();
        String platform = Loader.getPlatform();
        if (build == null || !platform.equals(build.getProperty("platform"))) {
            LOG.debug("no bundled OpenBLAS for {}; ND4J's own is used", platform);
            return loaded;
        }
        if (ProcessMaps.contains("libopenblas")) {
            LOG.warn("an OpenBLAS was loaded before NeuronKit could load its bundled OpenBLAS {}, so ND4J keeps its own "
                    + "OpenBLAS 0.3.19 (docs/design.md, \"GEMM library\")", build.getProperty("version"));
            return loaded;
        }
        OpenBlasCoreType.beforeLoad();
        try {
            Path library = null;
            for (String name : LIBRARIES) {
                library = file(FOLDER + platform + "/" + name);
                Loader.loadGlobal(library.toString());
            }
            loaded = Optional.of(library);
            NetlibBinding.pointAt(library, System.getProperties());
            LOG.debug("OpenBLAS {} loaded from {}", build.getProperty("version"), library);
        } catch (IOException | URISyntaxException | RuntimeException | UnsatisfiedLinkError e) {
            LOG.warn("could not load the bundled OpenBLAS {} ({}); ND4J's own OpenBLAS 0.3.19 is used",
                    build.getProperty("version"), e.toString());
        }
        return loaded;
    }

    /**
     * The resource as a file: itself when the classes are a folder (a build), else extracted from the
     * jar into JavaCPP's cache, under the jar's name.
     */
    private static Path file(String resource) throws IOException, URISyntaxException {
        URL url = BundledOpenBlas.class.getResource(resource);
        if (url == null) {
            throw new IOException("resource " + resource + " is missing");
        }
        return "file".equals(url.getProtocol()) ? Path.of(url.toURI()) : Loader.cacheResource(url).toPath();
    }

    /** The version of the bundled OpenBLAS, e.g. {@code 0.3.31-1.5.13}, or null on a platform without one. */
    static String bundledVersion() {
        Properties build = buildProperties();
        return build == null ? null : build.getProperty("version");
    }

    /**
     * The file the process's {@code cblas_sgemm} lives in: the library every GEMM of libnd4j runs
     * in. Read from {@code /proc/self/maps} at the symbol's address; empty where that cannot be read.
     */
    static Optional<Path> sgemmLibrary() {
        Pointer symbol = Loader.addressof("cblas_sgemm");
        return symbol == null || symbol.isNull() ? Optional.empty() : ProcessMaps.fileAt(symbol.address());
    }

    private static Properties buildProperties() {
        try (InputStream in = BundledOpenBlas.class.getResourceAsStream(FOLDER + "bundled.properties")) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            return null;
        }
    }
}
