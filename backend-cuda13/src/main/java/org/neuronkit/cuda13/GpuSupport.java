package org.neuronkit.cuda13;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;
import org.neuronkit.layer.DenseSpec;
import org.neuronkit.layer.LayerKind;
import org.neuronkit.layer.OutputSpec;
import org.neuronkit.loss.Loss;
import org.neuronkit.registry.Registry;
import org.neuronkit.support.Family;
import org.neuronkit.support.PathSupport;
import org.neuronkit.support.Support;

/**
 * The GPU kernel path's column of the support matrix (GpuTrainer on cuda13-engine), answered by the code that
 * refuses a network before any work: activations by {@link KernelActivations} (every example of the entry),
 * layers and losses by {@link NetworkShape}'s rules. Optimizers, schedules and normalisers follow what
 * GpuTrainer and the engine accept today.
 */
public final class GpuSupport implements PathSupport {
    /** The engine's update kernels (sgd_update, momentum_update, adam_update); the engine refuses any other optimizer by name. */
    private static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "adam");

    @Override
    public String path() {
        return "GPU kernel";
    }

    @Override
    public Support support(Family family, Registry.Entry<?> entry) {
        return switch (family) {
            case ACTIVATION -> activation(entry);
            case LAYER -> {
                Class<?> type = ((LayerKind) family.registry().parse(entry.examples().get(0))).specType();
                yield type == DenseSpec.class || type == OutputSpec.class ? Support.yes() : Support.refused(NetworkShape.DENSE_ONLY);
            }
            case LOSS -> ((Loss) family.registry().parse(entry.examples().get(0))).spec().equals(NetworkShape.LOSS)
                    ? Support.yes("without class weights") : Support.refused("no CUDA 13 loss kernel; the engine has " + NetworkShape.LOSS);
            case OPTIMIZER -> OPTIMIZERS.contains(entry.name()) ? Support.yes()
                    : Support.refused("no CUDA 13 update kernel; the engine has " + String.join(", ", OPTIMIZERS));
            case SCHEDULE -> entry.name().equals("constant") ? Support.yes() : Support.refused("GPU training has a constant learning rate");
            case NORMALISER -> Support.yes("applied to the data on the host before upload");
        };
    }

    private static Support activation(Registry.Entry<?> entry) {
        @SuppressWarnings("unchecked")
        Optional<String> refusal = KernelActivations.refusal((Registry.Entry<Activation>) entry);
        if (refusal.isPresent()) {
            return Support.refused(refusal.get());
        }
        Map<String, List<String>> refusedByReason = new LinkedHashMap<>();
        for (String example : entry.examples()) {
            KernelActivations.refusal(Activations.parse(example))
                    .ifPresent(reason -> refusedByReason.computeIfAbsent(reason, r -> new ArrayList<>()).add(example));
        }
        List<String> notes = new ArrayList<>();
        refusedByReason.forEach((reason, examples) -> notes.add(String.join(", ", examples) + " refused: " + reason));
        return notes.isEmpty() ? Support.yes() : Support.yes(String.join("; ", notes));
    }
}
