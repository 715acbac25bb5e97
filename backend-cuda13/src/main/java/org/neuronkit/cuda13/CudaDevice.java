package org.neuronkit.cuda13;

import org.neuronkit.ConfigurationException;
import org.neuronkit.cuda13.api.CudaEngine;
import org.neuronkit.cuda13.api.NoUsableGpuException;
import org.neuronkit.cuda13.api.TrainingSession;
import org.neuronkit.train.DeviceJob;
import org.neuronkit.train.DeviceRun;
import org.neuronkit.train.TrainingDevice;

/**
 * The {@code cuda} {@link TrainingDevice}: a {@link org.neuronkit.train.Trainer}'s epochs on a CUDA 13 GPU
 * (Turing and newer; see the module's README) through cuda13-engine, which runs in a class loader of its own
 * and is reached through {@link CudaEngine}. {@code new Trainer(...).device(TrainingDevices.named("cuda"))} and
 * {@code ./neuronkit train --device cuda} use it; everything around the steps (listeners, validation and test
 * sets, early stopping, checkpoints and resume) stays the trainer's.
 *
 * <p>{@link #check} refuses, before any work, what the kernels cannot run exactly, naming it ({@link JobPlan}),
 * and a machine without a usable GPU, naming what is missing (driver, libcudart / libcublas 13, compute
 * capability).
 */
public final class CudaDevice implements TrainingDevice {
    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String describe() {
        requireGpu();
        return engine().describeDevice().lines().findFirst().orElse("a CUDA 13 GPU");
    }

    @Override
    public void check(DeviceJob job) {
        JobPlan.of(job, engine());
        requireGpu();
    }

    @Override
    public DeviceRun open(DeviceJob job) {
        JobPlan plan = JobPlan.of(job, engine());
        TrainingSession session;
        try {
            session = engine().open(plan.network(job), plan.update(), job.batchSize());
        } catch (NoUsableGpuException e) {
            throw noGpu(e.getMessage());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        return new CudaRun(job, plan, session);
    }

    private static CudaEngine engine() {
        try {
            return EngineLoader.engine();
        } catch (IllegalStateException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /** Stops with a ConfigurationException naming what this machine lacks, if it has no usable GPU. */
    static void requireGpu() {
        String problem = engine().preflight();
        if (problem != null) {
            throw noGpu(problem);
        }
    }

    private static ConfigurationException noGpu(String problem) {
        return new ConfigurationException(problem + "\nTo train on the CPU instead, leave out --device cuda.");
    }
}
