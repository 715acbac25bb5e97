package org.neuronkit.cli;

import org.neuronkit.ConfigurationException;
import org.neuronkit.layer.BatchNormSpec;
import org.neuronkit.train.CpuStepsDevice;
import org.neuronkit.train.DeviceJob;
import org.neuronkit.train.DeviceRun;
import org.neuronkit.train.TrainingDevice;

/**
 * A test device, registered as {@code no-batchnorm} through ServiceLoader: it refuses a network with a
 * batch-norm layer, naming the layer, and runs any other job as the reference device does.
 */
public final class NoBatchNormDevice implements TrainingDevice {
    @Override
    public String name() {
        return "no-batchnorm";
    }

    @Override
    public String describe() {
        return "a test device without batch norm";
    }

    @Override
    public void check(DeviceJob job) {
        for (int l = 0; l < job.layers().size(); l++) {
            if (job.layers().get(l) instanceof BatchNormSpec) {
                throw new ConfigurationException("device no-batchnorm cannot train layer " + (l + 1) + ", batchnorm");
            }
        }
    }

    @Override
    public DeviceRun open(DeviceJob job) {
        return new CpuStepsDevice().open(job);
    }
}
