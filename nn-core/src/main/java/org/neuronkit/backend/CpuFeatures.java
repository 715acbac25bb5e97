package org.neuronkit.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The instruction-set features of the processor, as the operating system lists them (Linux:
 * the {@code flags} line of {@code /proc/cpuinfo}), for choosing kernels that need them. On a system
 * without that file the features are unknown and every check that needs one fails, saying why.
 * Tests build one with {@link #of} to stand for another CPU.
 */
public final class CpuFeatures {
    /** AVX-512 BF16: {@code vdpbf16ps}, bf16 pairs multiplied and summed into fp32. */
    public static final String AVX512_BF16 = "avx512_bf16";
    /** AMX with bf16 tiles. */
    public static final String AMX_BF16 = "amx_bf16";
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    private final String source;
    private final Set<String> flags;

    private CpuFeatures(String source, Set<String> flags) {
        this.source = source;
        this.flags = Set.copyOf(flags);
    }

    /** A CPU with exactly these flags, described by {@code source} in messages (for tests and other probes). */
    public static CpuFeatures of(String source, Set<String> flags) {
        return new CpuFeatures(source, flags);
    }

    /** This machine's features: {@code /proc/cpuinfo}'s first {@code flags} line, or none (with the reason) where it cannot be read. */
    public static CpuFeatures probe() {
        if (!Files.isReadable(CPUINFO)) {
            return new CpuFeatures("this system (" + System.getProperty("os.name") + ", " + System.getProperty("os.arch")
                    + ") has no " + CPUINFO + " to read them from", Set.of());
        }
        try {
            for (String line : Files.readAllLines(CPUINFO)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
                    return new CpuFeatures(CPUINFO + " flags", new TreeSet<>(Arrays.asList(line.substring(colon + 1).trim().split("\\s+"))));
                }
            }
            return new CpuFeatures(CPUINFO + " has no flags line", Set.of());
        } catch (IOException e) {
            return new CpuFeatures(CPUINFO + " could not be read (" + e.getMessage() + ")", Set.of());
        }
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    /** Where the flags came from (or why there are none). */
    public String source() {
        return source;
    }

    /** The bf16 dot-product feature this CPU has ({@value #AMX_BF16} first), if any. */
    public Optional<String> bf16Feature() {
        return has(AMX_BF16) ? Optional.of(AMX_BF16) : has(AVX512_BF16) ? Optional.of(AVX512_BF16) : Optional.empty();
    }

    /** Why bf16 products cannot run fast here (names the missing features), or empty when they can. */
    public Optional<String> bf16Missing() {
        if (bf16Feature().isPresent()) {
            return Optional.empty();
        }
        return Optional.of("bf16 precision needs a CPU with AVX-512 BF16 (" + AVX512_BF16 + ") or AMX (" + AMX_BF16 + "), and "
                + (flags.isEmpty() ? source : source + " list neither"));
    }
}
