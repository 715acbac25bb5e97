package org.neuronkit.backend.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bytedeco.systems.global.linux;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel set the bundled OpenBLAS runs on AMD CPUs with AVX-512, chosen before it loads.
 *
 * <p>OpenBLAS built with {@code DYNAMIC_ARCH} picks its kernels from the CPU's identity when it
 * loads, and takes AMD Zen 5 (family 1Ah) for a Haswell: AVX2 kernels, half the vector width the
 * cores have. Its {@code OPENBLAS_CORETYPE} variable overrides the choice, and it is read from the
 * process environment at load time, so {@link #beforeLoad()} puts it there (libc {@code setenv})
 * just before {@link BundledOpenBlas#load()} loads the library: on an AMD CPU whose
 * {@code /proc/cpuinfo} flags include AVX-512 F, CD, BW, DQ and VL (what OpenBLAS's Skylake-X kernels
 * use), {@code Cooperlake} when {@code avx512_bf16} is there too (the same fp32 kernels, plus
 * OpenBLAS's bf16 {@code sbgemm} ones), else {@code SkylakeX}. On Intel CPUs OpenBLAS's own choice
 * is already right and is left alone, and so is a value the user set (an empty one included).
 * benchmarks/README.md, "OpenBLAS's kernels on Zen 5", has the measurement.
 */
final class OpenBlasCoreType {
    static final String VARIABLE = "OPENBLAS_CORETYPE";

    private static final Logger LOG = LoggerFactory.getLogger(OpenBlasCoreType.class);
    private static final List<String> SKYLAKE_X_FLAGS = List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

    private OpenBlasCoreType() {
    }

    /**
     * The core type for a CPU of this vendor ({@code vendor_id}) and these flags, or null to leave
     * OpenBLAS's own choice.
     */
    static String choose(String vendor, Set<String> flags) {
        if (!"AuthenticAMD".equals(vendor) || !flags.containsAll(SKYLAKE_X_FLAGS)) {
            return null;
        }
        return flags.contains("avx512_bf16") ? "Cooperlake" : "SkylakeX";
    }

    /**
     * Puts the chosen core type into the process environment unless the user set {@value #VARIABLE}
     * or nothing is chosen; the value set, or null. Never throws: an unreadable {@code /proc/cpuinfo}
     * leaves OpenBLAS's own choice.
     */
    static String beforeLoad() {
        if (System.getenv(VARIABLE) != null) {
            return null;
        }
        String chosen;
        try {
            chosen = chooseFor(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            LOG.debug("/proc/cpuinfo unreadable ({}); OpenBLAS chooses its kernels itself", e.toString());
            return null;
        }
        if (chosen != null) {
            linux.setenv(VARIABLE, chosen, 0);
            LOG.debug("{}={} for OpenBLAS on this AMD CPU with AVX-512", VARIABLE, chosen);
        }
        return chosen;
    }

    /** {@link #choose} for the first processor described by these {@code /proc/cpuinfo} lines. */
    static String chooseFor(List<String> cpuinfo) {
        return choose(field(cpuinfo, "vendor_id"), Arrays.stream(field(cpuinfo, "flags").split("\\s+")).collect(Collectors.toSet()));
    }

    private static String field(List<String> cpuinfo, String name) {
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }
}
