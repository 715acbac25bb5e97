package org.neuronkit.cli;

import org.neuronkit.train.TrainingDevice;
import org.neuronkit.train.TrainingDevices;
import picocli.CommandLine.Option;

/**
 * {@code train}'s {@code --device cpu|cuda} (a picocli mixin): the {@link TrainingDevice} that runs the
 * trainer's steps. What the device cannot run it refuses itself, naming it, before any work
 * ({@link TrainingDevice#check}).
 */
final class DeviceOption {
    @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE",
            description = "cpu (default), or cuda: run the training steps on a CUDA 13 GPU, Turing or newer (backend-cuda13/README.md); "
                    + "everything else (schedules, early stopping, checkpoints, --resume) as on the CPU. What the GPU kernels lack "
                    + "(dropout, batch norm, softmax or learned parameters in hidden layers) is refused by name before any work "
                    + "(docs/support.md).")
    String device;

    /** Null for {@code cpu}; else the registered device of that name (a ConfigurationException names an unknown one). */
    TrainingDevice selected() {
        return device.equalsIgnoreCase("cpu") ? null : TrainingDevices.named(device);
    }
}
