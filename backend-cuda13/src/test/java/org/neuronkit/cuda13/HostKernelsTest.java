package org.neuronkit.cuda13;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.neuronkit.cuda13.engine.Kernel;
import org.neuronkit.cuda13.engine.Ops;

/**
 * The CUDA C of kernels.cu (with the generated activations.cuh), compiled for the host with g++ or clang++ and a
 * small CUDA shim (src/test/host), against nn-core on random data: the kernels' own source is tested without a
 * GPU. Tolerances are KernelsAgainstNnCore's: the C library's expf, tanhf and erff and nn-core's libnd4j differ by
 * a few float ulps, within 1e-5. Every kernel of {@link Kernel} must be launched by some check.
 */
class HostKernelsTest extends KernelsAgainstNnCore {
    @Override
    Ops newOps() {
        return new HostKernelOps();
    }

    @AfterAll
    static void everyKernelWasChecked() {
        Set<Kernel> unchecked = EnumSet.allOf(Kernel.class);
        unchecked.removeAll(HostKernelOps.LAUNCHED);
        assertEquals(Set.of(), unchecked, "kernels of kernels.cu that no check in KernelsAgainstNnCore launched");
    }
}
