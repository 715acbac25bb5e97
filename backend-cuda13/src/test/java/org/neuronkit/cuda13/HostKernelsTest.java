package org.neuronkit.cuda13;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.neuronkit.cuda13.engine.Buffer;
import org.neuronkit.cuda13.engine.Kernel;
import org.neuronkit.cuda13.engine.Ops;
import org.neuronkit.cuda13.engine.ReferenceOps;

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

    @Test
    void withoutACompilerTheCheckFailsNamingWhatToInstall() {
        AssertionError e = assertThrows(AssertionError.class, () -> HostKernels.firstCompiler(List.of("no-such-c++", "nor-this-one")));
        assertEquals("no C++ compiler (tried no-such-c++, nor-this-one): kernels.cu cannot be compiled for the host and its kernels go "
                + "unchecked; install g++ (Debian: apt-get install -y g++) or set CXX", e.getMessage());
    }

    /** The host-compiled kernel draws exactly the CPU twin's mask (ReferenceOps.dropoutUniform), bit for bit. */
    @Test
    void dropoutMaskIsTheCpuTwinsBitForBit() {
        HostKernelOps host = new HostKernelOps();
        ReferenceOps twin = new ReferenceOps();
        int n = 5_000;
        float[][] masks = new float[2][n];
        Ops[] both = {host, twin};
        for (int k = 0; k < 2; k++) {
            Ops ops = both[k];
            Buffer clock = ops.ints(2);
            ops.upload(new int[] {123_456, 7}, clock);
            Buffer x = ops.floats(n);
            ops.upload(new float[n], x);
            Buffer mask = ops.floats(n);
            ops.dropoutForward(-8_070_450_532_247_928_832L, 0.45f, clock, x, mask, ops.floats(n), n);
            ops.download(mask, masks[k]);
        }
        assertArrayEquals(masks[1], masks[0]);
    }

    @AfterAll
    static void everyKernelWasChecked() {
        Set<Kernel> unchecked = EnumSet.allOf(Kernel.class);
        unchecked.removeAll(HostKernelOps.LAUNCHED);
        assertEquals(Set.of(), unchecked, "kernels of kernels.cu that no check in KernelsAgainstNnCore launched");
    }
}
