package org.neuronkit.backend.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.systems.global.linux;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.backend.ThreadDefaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CPU thread settings of {@code scripts/thread-env.sh}, applied in process
 * (docs/design.md, "Threads"):
 * <ul>
 *   <li>{@code OMP_WAIT_POLICY=PASSIVE}: libnd4j's OpenMP threads sleep when idle instead of spinning
 *       against OpenBLAS's threads. libgomp reads it once, when it loads, so it is put into the
 *       process environment (libc {@code setenv}) before ND4J loads libnd4j; if libgomp is already
 *       loaded (the program used ND4J before NeuronKit), one warning says so;</li>
 *   <li>{@code OMP_NUM_THREADS=1}: libnd4j's element-wise ops run on the calling thread (environment,
 *       and ND4J's own thread counts once it has started);</li>
 *   <li>{@code OPENBLAS_NUM_THREADS=cores}: the GEMMs use every core (environment, and OpenBLAS's
 *       thread count once ND4J has started, which ND4J otherwise sets to its OpenMP count).</li>
 * </ul>
 * A variable set in the environment is left as it is, and so is what follows from it.
 */
public final class CpuThreadDefaults implements ThreadDefaults {
    private static final Logger LOG = LoggerFactory.getLogger(CpuThreadDefaults.class);

    @Override
    public void apply() {
        String cores = String.valueOf(Runtime.getRuntime().availableProcessors());
        boolean tooLate = libgompLoaded();
        List<String> applied = new ArrayList<>();
        boolean waitPolicy = setIfUnset("OMP_WAIT_POLICY", "PASSIVE", applied);
        boolean ompThreads = setIfUnset("OMP_NUM_THREADS", "1", applied);
        boolean blasThreads = setIfUnset("OPENBLAS_NUM_THREADS", cores, applied) && System.getenv("ND4J_SKIP_BLAS_THREADS") == null;
        if (tooLate && waitPolicy) {
            LOG.warn("ND4J was loaded before NeuronKit, so OMP_WAIT_POLICY=PASSIVE could not take effect: idle OpenMP threads "
                    + "spin against OpenBLAS's and training can run several times slower on few cores (README, Java). "
                    + "Export OMP_WAIT_POLICY=PASSIVE, or let NeuronKit's classes load before any Nd4j call.");
        }
        if (ompThreads) {
            Nd4j.getEnvironment().setMaxThreads(1);
            Nd4j.getEnvironment().setMaxMasterThreads(1);
        }
        if (blasThreads) {
            Nd4j.factory().blas().setMaxThreads(Integer.parseInt(cores));
        }
        if (!applied.isEmpty()) {
            LOG.debug("thread defaults applied in process: {}", applied);
        }
    }

    /**
     * A variable of the process environment as libc sees it now, with what {@link #apply()} set
     * (Java's {@code System.getenv} keeps the environment the JVM started with); null if unset.
     */
    static String processEnvironment(String name) {
        BytePointer value = linux.getenv(new BytePointer(name));
        return value == null || value.isNull() ? null : value.getString();
    }

    /** Puts {@code name=value} into the process environment unless the user set it; true if it did. */
    private static boolean setIfUnset(String name, String value, List<String> applied) {
        if (System.getenv(name) != null) {
            return false;
        }
        linux.setenv(name, value, 0);
        applied.add(name + "=" + value);
        return true;
    }

    /** Whether libgomp is mapped into this process already (Linux; false where that cannot be read). */
    static boolean libgompLoaded() {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.anyMatch(line -> line.contains("libgomp"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
