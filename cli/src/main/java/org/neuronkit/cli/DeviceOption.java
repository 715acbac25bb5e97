package org.neuronkit.cli;

import java.util.ArrayList;
import java.util.List;
import org.neuronkit.ConfigurationException;
import org.neuronkit.train.TrainingDevice;
import org.neuronkit.train.TrainingDevices;
import picocli.CommandLine.Option;

/**
 * {@code train}'s {@code --device cpu|NAME} (a picocli mixin): the CPU, or a {@link TrainingDevice}
 * found by name through ServiceLoader ({@code cuda} from backend-cuda13), which
 * {@link org.neuronkit.train.Trainer#device} hands the steps to. The device itself refuses, by name,
 * any layer, loss, optimizer or setting it cannot serve; this option refuses before any data is read
 * what no device can do (streamed data, per-step diagnostics), and a device that is missing.
 */
final class DeviceOption {
    @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE",
            description = "cpu (default), or a training device: cuda (a CUDA 13 GPU, Turing or newer, backend-cuda13/README.md), "
                    + "cpu-steps (the CPU steps behind the device interface, to test it). Everything else (schedules, early stopping, "
                    + "checkpoints, --resume) runs as on the CPU. What a device cannot train (for cuda: dropout, batch norm, softmax or "
                    + "learned parameters in hidden layers) it refuses by name before any work (docs/support.md).")
    String device;

    /**
     * The device {@code --device} names, after refusing what no device does (whether --diagnose was
     * given, and the run's settings); null for {@code cpu}. A ConfigurationException names a missing device
     * module; what the device itself lacks (a GPU) it names when it checks the job.
     */
    TrainingDevice resolve(TrainSettings settings, boolean diagnose) {
        if (device.trim().equalsIgnoreCase("cpu")) {
            return null;
        }
        List<String> unsupported = new ArrayList<>();
        if (settings.data().stream() > 0) {
            unsupported.add("--stream");
        }
        if (diagnose) {
            unsupported.add("--diagnose");
        }
        if (!unsupported.isEmpty()) {
            throw new ConfigurationException("--device " + device + " does not support " + String.join(", ", unsupported)
                    + " (a device trains on data in memory and makes no per-step callbacks); leave them out or train on the CPU");
        }
        return TrainingDevices.named(device);
    }
}
