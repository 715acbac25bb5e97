package org.neuronkit.backend.cpu;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.systems.global.linux;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu;
import org.neuronkit.activation.Activations;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;

/**
 * Run by {@link CpuThreadDefaultsTest} in a child JVM with a chosen environment: builds a network as
 * an embedding program would and prints the thread settings the OpenBLAS the process ended up with and its core type. With argument
 * {@code nd4j-first} it creates an ND4J array first; with {@code natives-first} it loads libnd4j
 * (and so libgomp) through JavaCPP directly, bypassing ND4J's start.
 */
public final class ThreadDefaultsProbe {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("nd4j-first")) {
            Nd4j.create(1);
        }
        if (args.length > 0 && args[0].equals("natives-first")) {
            Loader.load(Nd4jCpu.class);
        }
        Network.builder(4).dense(3, Activations.relu()).output(2, Losses.softmaxCrossEntropy()).build();
        BytePointer waitPolicy = linux.getenv(new BytePointer("OMP_WAIT_POLICY"));
        System.out.println("OMP_WAIT_POLICY=" + (waitPolicy == null ? "(unset)" : waitPolicy.getString()));
        String coreType = CpuThreadDefaults.processEnvironment(OpenBlasCoreType.VARIABLE);
        System.out.println(OpenBlasCoreType.VARIABLE + "=" + (coreType == null ? "(unset)" : coreType));
        System.out.println("nd4j_threads=" + Nd4j.getEnvironment().maxThreads());
        System.out.println("omp_threads=" + NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
        System.out.println("blas_threads=" + Nd4j.factory().blas().getMaxThreads());
        System.out.println("blas_library=" + new CpuBackend().report().get("blas_library"));
        System.out.println("blas_kernels=" + new CpuBackend().report().get("blas_kernels"));
    }
}
