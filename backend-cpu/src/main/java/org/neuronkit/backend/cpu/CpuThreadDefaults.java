package org.neuronkit.backend.cpu;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.systems.global.linux;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.neuronkit.backend.ThreadDefaults;
import org.neuronkit.backend.ThreadSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CPU thread settings of {@code scripts/thread-env.sh}, applied in process
 * (docs/design.md, "Threads"):
 * <ul>
 *   <li>{@code OMP_WAIT_POLICY=PASSIVE}: libnd4j's OpenMP threads sleep when idle instead of spinning
 *       against OpenBLAS's threads. libgomp reads it once, when it loads, so it is put into the
 *       process environment (libc {@code setenv}) before ND4J loads libnd4j, by {@link Nd4jStartHook}
 *       when ND4J starts, whatever starts it, or by {@link ThreadSetup} if NeuronKit comes first; if libgomp is already
 *       loaded all the same, one warning says so;</li>
 *   <li>{@code OMP_NUM_THREADS=1}: libnd4j's element-wise ops run on the calling thread (environment,
 *       and OpenMP's and ND4J's own thread counts once it has started, since ND4J sets OpenMP's from
 *       Java's copy of the environment);</li>
 *   <li>{@code OPENBLAS_NUM_THREADS=cores}: the GEMMs use every core (environment, and OpenBLAS's
 *       thread count once ND4J has started, which ND4J otherwise sets to its OpenMP count).</li>
 * </ul>
 * A variable set in the environment is left as it is, and so is what follows from it.
 */
public final class CpuThreadDefaults implements ThreadDefaults {
    private static final Logger LOG = LoggerFactory.getLogger(CpuThreadDefaults.class);

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static List<String> environmentApplied;

    @Override
    public void apply() {
        List<String> applied = beforeNativeLoad();
        if (applied.contains("OMP_NUM_THREADS")) {
            Nd4j.getEnvironment().setMaxThreads(1);
            Nd4j.getEnvironment().setMaxMasterThreads(1);
            // ND4J (started by the line above at the latest) set OpenMP to one thread per core from
            // Java's copy of the environment
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        }
        if (applied.contains("OPENBLAS_NUM_THREADS") && System.getenv("ND4J_SKIP_BLAS_THREADS") == null) {
            Nd4j.factory().blas().setMaxThreads(CORES);
        }
    }

    /**
     * Puts the variables the user left unset into the process environment, once; the names set.
     * Safe before and while ND4J initialises (it calls no ND4J code), which is when
     * {@link Nd4jStartHook} runs it; warns if libgomp has loaded already.
     */
    static synchronized List<String> beforeNativeLoad() {
        if (environmentApplied != null) {
            return environmentApplied;
        }
        List<String> applied = new ArrayList<>();
        if ("false".equalsIgnoreCase(System.getProperty(ThreadSetup.PROPERTY))) {
            return environmentApplied = applied;
        }
        boolean tooLate = ProcessMaps.contains("libgomp");
        setIfUnset("OMP_WAIT_POLICY", "PASSIVE", applied);
        setIfUnset("OMP_NUM_THREADS", "1", applied);
        setIfUnset("OPENBLAS_NUM_THREADS", String.valueOf(CORES), applied);
        if (tooLate && applied.contains("OMP_WAIT_POLICY")) {
            LOG.warn("ND4J's native library was loaded before NeuronKit's thread defaults, so OMP_WAIT_POLICY=PASSIVE could not "
                    + "take effect: idle OpenMP threads spin against OpenBLAS's, and training can run several times slower "
                    + "on few cores (README, Java). Export OMP_WAIT_POLICY=PASSIVE before starting the JVM.");
        }
        LOG.debug("thread defaults put into the process environment: {}", applied);
        return environmentApplied = applied;
    }

    /**
     * A variable of the process environment as libc sees it now, with what {@link #apply()} set
     * (Java's {@code System.getenv} keeps the environment the JVM started with); null if unset.
     */
    static String processEnvironment(String name) {
        BytePointer value = linux.getenv(new BytePointer(name));
        return value == null || value.isNull() ? null : value.getString();
    }

    /** Puts {@code name=value} into the process environment unless the user set it, adding the name to {@code applied}. */
    private static void setIfUnset(String name, String value, List<String> applied) {
        if (System.getenv(name) == null) {
            linux.setenv(name, value, 0);
            applied.add(name);
        }
    }
}
