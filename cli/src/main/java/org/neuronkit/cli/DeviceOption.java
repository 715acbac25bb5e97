package org.neuronkit.cli;

import java.util.ArrayList;
import java.util.List;
import org.neuronkit.ConfigurationException;
import org.neuronkit.cuda13.GpuTrainer;
import org.neuronkit.optim.ScheduleUnit;
import org.neuronkit.train.NonFinitePolicy;
import picocli.CommandLine.Option;

/** {@code train}'s {@code --device cpu|cuda} (a picocli mixin), and what GPU training cannot do. */
final class DeviceOption {
    @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE",
            description = "cpu (default), or cuda: train on a CUDA 13 GPU, Turing or newer (backend-cuda13/README.md): dense layers, "
                    + "every element-wise activation with fixed parameters, softmax + cross-entropy, sgd/momentum/adam at a constant rate "
                    + "(docs/support.md).")
    String device;

    /**
     * True for {@code --device cuda}, after refusing the options GpuTrainer lacks (the run's settings, and
     * whether --resume, --stop-after and --diagnose were given) and checking the GPU (a
     * ConfigurationException names what is missing); false for {@code cpu}.
     */
    boolean isGpu(TrainSettings settings, boolean resume, boolean stopAfter, boolean diagnose) {
        if (device.equals("cpu")) {
            return false;
        }
        if (!device.equals("cuda")) {
            throw new ConfigurationException("unknown --device '" + device + "': cpu or cuda");
        }
        List<String> unsupported = new ArrayList<>();
        if (resume) {
            unsupported.add("--resume");
        }
        if (stopAfter) {
            unsupported.add("--stop-after");
        }
        if (settings.optimization().patience() > 0) {
            unsupported.add("--patience");
        }
        if (settings.model().dropout() > 0) {
            unsupported.add("--dropout");
        }
        if (!settings.optimization().schedule().equals("constant")) {
            unsupported.add("--schedule " + settings.optimization().schedule());
        }
        if (diagnose) {
            unsupported.add("--diagnose");
        }
        TrainSettings.Optimization optimization = settings.optimization();
        if (optimization.warmup() > 0 || optimization.unit() != ScheduleUnit.EPOCH) {
            unsupported.add("--warmup/--schedule-unit");
        }
        if (optimization.clipNorm() > 0 || optimization.clipValue() > 0 || optimization.nonFinitePolicy() != NonFinitePolicy.STOP) {
            unsupported.add("--clip-norm/--clip-value/--on-non-finite");
        }
        if (settings.data().stream() > 0) {
            unsupported.add("--stream");
        }
        if (settings.model().batchNorm()) {
            unsupported.add("--batch-norm");
        }
        if (settings.data().taskKind() == Task.REGRESSION) {
            unsupported.add("--task regression");
        }
        if (!unsupported.isEmpty()) {
            throw new ConfigurationException("--device cuda does not support " + String.join(", ", unsupported) + " (GPU training has a "
                    + "constant learning rate and no checkpoints); leave them out or train on the CPU");
        }
        GpuTrainer.requireGpu();
        return true;
    }
}
