package org.neuronkit.cuda13;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;
import org.neuronkit.cuda13.api.CudaEngine;
import org.neuronkit.registry.Registry;
import org.neuronkit.support.Family;
import org.neuronkit.support.PathSupport;
import org.neuronkit.support.Support;

/**
 * The GPU path's column of the support matrix ({@link PathSupport}): the CUDA 13 engine's answer for every
 * registry entry, from the same checks that refuse a job before training ({@link JobPlan}): the
 * engine's {@link CudaEngine#refusal} for layers, losses and optimizers, and {@link KernelActivations} (which
 * generates the engine's activation kernels from the registry) for every example form of an activation. Schedules and normalisers run on the host (the trainer hands the device one learning rate per
 * step; the data is normalised before it is uploaded), so every entry of theirs is served. Needs no GPU.
 */
public final class GpuSupport implements PathSupport {

    @Override
    public String path() {
        return "GPU kernel";
    }

    @Override
    public Support support(Family family, Registry.Entry<?> entry) {
        CudaEngine engine = EngineLoader.engine();
        return switch (family) {
            case LAYER -> layer(engine, entry);
            case OPTIMIZER -> answer(engine.refusal(org.neuronkit.cuda13.api.Family.OPTIMIZER, entry.name()));
            case LOSS -> answer(engine.refusal(org.neuronkit.cuda13.api.Family.LOSS, entry.name()));
            case ACTIVATION -> activation(entry);
            case SCHEDULE -> Support.yes("on the host: each epoch gets its rates per step from the host's schedule as it stands at the"
                    + " epoch's start");
            case NORMALISER -> Support.yes("on the host, before the data is uploaded");
        };
    }

    /** The engine's answer; a same-width layer (dropout, batch norm) with where the engine runs it. */
    private static Support layer(CudaEngine engine, Registry.Entry<?> entry) {
        Support answer = answer(engine.refusal(org.neuronkit.cuda13.api.Family.LAYER, entry.name()));
        boolean sameWidth = org.neuronkit.layer.SameWidthSpec.class.isAssignableFrom(org.neuronkit.layer.Layers.REGISTRY.parse(entry.name()).specType());
        return answer.supported() && sameWidth ? Support.yes(JobPlan.SAME_WIDTH_PLACE) : answer;
    }

    private static Support answer(String refusal) {
        return refusal == null ? Support.yes() : Support.refused(refusal);
    }

    /** Served when every example form has a kernel ({@link KernelActivations}); else the forms refused and why. */
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
