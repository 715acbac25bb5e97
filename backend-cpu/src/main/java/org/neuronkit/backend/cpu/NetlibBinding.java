package org.neuronkit.backend.cpu;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points the native BLAS and LAPACK of Spark ML ({@code dev.ludovic.netlib}) at the bundled OpenBLAS,
 * so that a process holds one OpenBLAS (docs/design.md, "GEMM library", "One OpenBLAS per process").
 *
 * <p>Why: netlib loads {@code libblas.so.3} and {@code liblapack.so.3} by name. Where those are
 * Debian's or Ubuntu's OpenBLAS builds, they need {@code libopenblas.so.0}, and the dynamic linker
 * answers that name with the bundled library already loaded, a different release, whose internals
 * they then call: the JVM crashes at Spark ML's first native BLAS call. Given the bundled library's
 * path ({@code dev.ludovic.netlib.blas.nativeLibPath}), netlib loads that same library instead.
 *
 * <p>A library the user chose ({@code nativeLib} or {@code nativeLibPath} already set) is kept. The
 * properties are read once, when netlib first loads its native code, so they only count if NeuronKit
 * loaded its OpenBLAS first; where netlib's OpenBLAS came first, {@link BundledOpenBlas#load()} sees it
 * and keeps ND4J's.
 */
final class NetlibBinding {
    private static final Logger LOG = LoggerFactory.getLogger(NetlibBinding.class);
    /** netlib's interfaces that load a native library, each read from {@code dev.ludovic.netlib.<name>.*}. */
    private static final List<String> INTERFACES = List.of("blas", "lapack");

    private NetlibBinding() {
    }

    /** Sets each interface's {@code nativeLibPath} in {@code properties} to {@code openBlas}, unless the user chose a library. */
    static void pointAt(Path openBlas, Properties properties) {
        for (String name : INTERFACES) {
            String prefix = "dev.ludovic.netlib." + name + ".";
            String chosen = properties.getProperty(prefix + "nativeLibPath", properties.getProperty(prefix + "nativeLib"));
            if (chosen == null) {
                properties.setProperty(prefix + "nativeLibPath", openBlas.toString());
            } else {
                LOG.debug("netlib {} keeps the library the user chose, {}", name, chosen);
            }
        }
    }
}
