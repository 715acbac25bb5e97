package org.neuronkit.backend.cpu;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4jBackend;
import org.nd4j.common.io.Resource;

/**
 * Not a backend: a provider of ND4J's backend service that ND4J instantiates, with every other
 * backend on the classpath, when it starts and before it loads any native library. Its constructor
 * puts NeuronKit's thread defaults into the process environment ({@link CpuThreadDefaults#beforeNativeLoad()}),
 * so that libgomp reads {@code OMP_WAIT_POLICY=PASSIVE} even when a program creates ND4J arrays before
 * it touches any NeuronKit class, and then loads the bundled OpenBLAS in place of ND4J's
 * ({@link BundledOpenBlas#load()}), which reads {@code OPENBLAS_NUM_THREADS} as it loads. Its priority is the lowest, so ND4J picks its real CPU backend and
 * never asks this one.
 */
public final class Nd4jStartHook extends Nd4jBackend {

    public Nd4jStartHook() {
        CpuThreadDefaults.beforeNativeLoad();
        BundledOpenBlas.load();
    }

    @Override
    public int getPriority() {
        return -1_000_000;
    }

    @Override
    public boolean isAvailable() {
        return false;
    }

    @Override
    public boolean canRun() {
        return false;
    }

    @Override
    public boolean allowsOrder() {
        return false;
    }

    @Override
    public Resource getConfigurationResource() {
        throw new UnsupportedOperationException("NeuronKit's start hook is not a backend");
    }

    @Override
    public Class getNDArrayClass() {
        throw new UnsupportedOperationException("NeuronKit's start hook is not a backend");
    }

    @Override
    public Environment getEnvironment() {
        throw new UnsupportedOperationException("NeuronKit's start hook is not a backend");
    }

    @Override
    public String buildInfo() {
        return "NeuronKit's start hook (thread defaults), not a backend";
    }

    @Override
    public void logBackendInit() {
        // not a backend: nothing to log
    }
}
