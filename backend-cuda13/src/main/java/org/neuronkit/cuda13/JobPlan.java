package org.neuronkit.cuda13;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;
import org.neuronkit.cuda13.api.ActivationPlan;
import org.neuronkit.cuda13.api.CudaEngine;
import org.neuronkit.cuda13.api.Family;
import org.neuronkit.cuda13.api.LossPlan;
import org.neuronkit.cuda13.api.NetworkPlan;
import org.neuronkit.cuda13.api.SameWidthPlan;
import org.neuronkit.cuda13.api.UpdateRule;
import org.neuronkit.layer.DenseSpec;
import org.neuronkit.layer.LayerSpec;
import org.neuronkit.layer.Layers;
import org.neuronkit.layer.NeuronsSpec;
import org.neuronkit.layer.SameWidthSpec;
import org.neuronkit.train.DeviceJob;
import org.neuronkit.train.DeviceJob.ParameterRegion;
import org.neuronkit.train.NonFinitePolicy;

/**
 * A {@link DeviceJob} as the CUDA 13 engine takes it, or a {@link ConfigurationException} naming the first thing
 * its kernels cannot run, before any work: each layer's kind and activation, the loss and its output
 * activation, the optimizer (all asked of the engine, {@link CudaEngine#refusal}), the data type and the
 * non-finite policy.
 *
 * <p>Dropout and batch norm after a hidden dense layer become the plan's {@link SameWidthPlan}s (refused before the
 * first dense layer). The engine's parameter layout is every W⁽ˡ⁾ (units × inputs, row-major), every b⁽ˡ⁾, then each
 * batch norm's γ, β, μ_run, σ²_run; {@link #toEngine} and {@link #fromEngine} move the job's flat buffer into it and
 * back region by region ({@code weight}, {@code bias}, {@code gamma}, {@code beta}, {@code running_mean},
 * {@code running_var}), so nothing depends on nn-core's layout beyond the job's own regions, and the running
 * averages come back to the network with the parameters.
 */
record JobPlan(int[] sizes, ActivationPlan[] activations, SameWidthPlan[] sameWidth, LossPlan loss, UpdateRule update, List<ParameterRegion> regions, long[] engineOffsets) {

    /** Where the engine runs dropout and batch norm (the GPU column's note, and the refusal elsewhere). */
    static final String SAME_WIDTH_PLACE = "after a hidden dense layer, not on the inputs";

    static JobPlan of(DeviceJob job, CudaEngine engine) {
        if (job.dataType() != DataType.FLOAT) {
            throw new ConfigurationException("the CUDA 13 engine trains in float32; the network's data type is " + job.dataType()
                    + " (build it with dataType(DataType.FLOAT))");
        }
        if (job.nonFinitePolicy() != NonFinitePolicy.STOP) {
            throw new ConfigurationException("the non-finite policy " + job.nonFinitePolicy().name().toLowerCase(java.util.Locale.ROOT)
                    + " has no CUDA 13 kernel yet: the engine stops at the first non-finite step (policy stop)");
        }
        List<LayerSpec> layers = job.layers();
        List<Integer> dense = new ArrayList<>();
        List<ActivationPlan> activations = new ArrayList<>();
        List<SameWidthPlan> sameWidth = new ArrayList<>();
        List<Integer> sameWidthLayers = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            LayerSpec layer = layers.get(l);
            String kind = kind(layer);
            String where = "layer " + (l + 1) + " (" + kind + ")";
            String refusal = engine.refusal(Family.LAYER, kind);
            if (refusal == null && layer instanceof SameWidthSpec) {
                if (dense.isEmpty()) {
                    refusal = "the CUDA 13 engine runs " + kind + " " + SAME_WIDTH_PLACE;
                } else {
                    sameWidth.add(EnginePlans.sameWidth(kind, layer, dense.size() - 1));
                    sameWidthLayers.add(l);
                }
            } else if (refusal == null && l < layers.size() - 1) {
                Activation activation = Activations.parse(((DenseSpec) layer).activation());
                refusal = activationRefusal(activation, engine);
                activations.add(KernelActivations.plan(activation));
            }
            if (refusal != null) {
                throw new ConfigurationException(where + ": " + refusal + "; train this network on the CPU");
            }
            if (layer instanceof NeuronsSpec) {
                dense.add(l);
            }
        }
        int[] sizes = new int[dense.size() + 1];
        sizes[0] = job.inputSize();
        for (int d = 0; d < dense.size(); d++) {
            sizes[d + 1] = ((NeuronsSpec) layers.get(dense.get(d))).units();
        }
        LossPlan loss = EnginePlans.loss(job.loss());
        String refusal = engine.refusal(Family.LOSS, loss.name());
        Activation output = EnginePlans.outputActivation(job.loss());
        if (refusal == null && output != null) {
            refusal = activationRefusal(output, engine);
        }
        if (refusal != null) {
            throw new ConfigurationException("layer " + layers.size() + " (output): " + refusal + "; train this network on the CPU");
        }
        UpdateRule update = EnginePlans.update(job.optimizer(), job.weightCount(), job.clipping());
        refusal = engine.refusal(Family.OPTIMIZER, update.name());
        if (refusal != null) {
            throw new ConfigurationException(refusal + "; train on the CPU");
        }
        SameWidthPlan[] extra = sameWidth.toArray(SameWidthPlan[]::new);
        return new JobPlan(sizes, activations.toArray(ActivationPlan[]::new), extra, loss, update, job.layout(),
                offsets(sizes, dense, extra, sameWidthLayers, job.layout()));
    }

    /**
     * Null when the engine has a kernel for {@code activation} (a hidden layer's or a regression loss's output
     * activation), else why not: the reason of {@link KernelActivations} (which generates the kernels from the
     * registry), then the engine's own answer for the activation's registry name.
     */
    static String activationRefusal(Activation activation, CudaEngine engine) {
        return KernelActivations.refusal(activation).map(reason -> "activation '" + activation.spec() + "' has no CUDA 13 kernel: " + reason
                + "; the kernels have " + KernelActivations.supported()).orElseGet(() -> engine.refusal(Family.ACTIVATION, KernelActivations.plan(activation).name()));
    }

    /** The registry name of a layer spec's kind, found by its record type in {@link Layers#REGISTRY}. */
    static String kind(LayerSpec layer) {
        return Layers.REGISTRY.names().stream().filter(name -> Layers.REGISTRY.parse(name).specType() == layer.getClass()).findFirst()
                .orElseThrow(() -> new ConfigurationException("layer spec " + layer + " is of no registered layer kind"));
    }

    /** The order of a batch norm's regions in the engine's block of it (the layer's {@code parameterViews} names). */
    private static final List<String> NORM_REGIONS = List.of("gamma", "beta", "running_mean", "running_var");

    /**
     * Where each region of the job's buffer starts in the engine's layout (every W, every b, then each batch norm's γ,
     * β, μ_run, σ²_run); refuses a region the engine has no place for. {@code dense} and {@code sameWidthLayers} give
     * the job's layer index of each dense and each same-width layer.
     */
    private static long[] offsets(int[] sizes, List<Integer> dense, SameWidthPlan[] sameWidth, List<Integer> sameWidthLayers,
            List<ParameterRegion> regions) {
        long[] denseStart = new long[sizes.length];
        long[] biasStart = new long[sizes.length];
        for (int l = 1; l < sizes.length; l++) {
            denseStart[l] = denseStart[l - 1] + (long) sizes[l - 1] * sizes[l];
            biasStart[l] = biasStart[l - 1] + sizes[l];
        }
        long weights = denseStart[sizes.length - 1];
        long next = weights + biasStart[sizes.length - 1];
        java.util.Map<Integer, Long> normStart = new java.util.HashMap<>();
        for (int k = 0; k < sameWidth.length; k++) {
            if (sameWidth[k].name().equals("batchnorm")) {
                normStart.put(sameWidthLayers.get(k), next);
                next += 4L * sizes[sameWidth[k].after() + 1];
            }
        }
        long[] offsets = new long[regions.size()];
        for (int i = 0; i < regions.size(); i++) {
            ParameterRegion region = regions.get(i);
            int d = dense.indexOf(region.layer());
            Long norm = normStart.get(region.layer());
            if (d >= 0 && region.name().equals("weight")) {
                offsets[i] = denseStart[d];
            } else if (d >= 0 && region.name().equals("bias")) {
                offsets[i] = weights + biasStart[d];
            } else if (norm != null && NORM_REGIONS.contains(region.name())) {
                offsets[i] = norm + NORM_REGIONS.indexOf(region.name()) * region.length();
            } else {
                throw new ConfigurationException("layer " + (region.layer() + 1) + "'s parameters '" + region.name()
                        + "' have no place in the CUDA 13 engine (dense weights and biases, batch norm's γ, β and running averages); train on the CPU");
            }
        }
        return offsets;
    }

    long parameterCount() {
        long n = 0;
        for (int l = 1; l < sizes.length; l++) {
            n += (long) sizes[l - 1] * sizes[l] + sizes[l];
        }
        for (SameWidthPlan layer : sameWidth) {
            n += layer.name().equals("batchnorm") ? 4L * sizes[layer.after() + 1] : 0;
        }
        return n;
    }

    /** The job's flat parameters in the engine's layout. */
    float[] toEngine(DeviceJob job) {
        float[] flat = job.parameters().castTo(DataType.FLOAT).dup().data().asFloat();
        float[] engine = new float[Math.toIntExact(parameterCount())];
        for (int i = 0; i < regions.size(); i++) {
            ParameterRegion region = regions.get(i);
            System.arraycopy(flat, (int) region.offset(), engine, (int) engineOffsets[i], (int) region.length());
        }
        return engine;
    }

    /** Writes parameters in the engine's layout into the job's flat buffer. */
    void fromEngine(float[] engine, DeviceJob job) {
        float[] flat = job.parameters().castTo(DataType.FLOAT).dup().data().asFloat();
        for (int i = 0; i < regions.size(); i++) {
            ParameterRegion region = regions.get(i);
            System.arraycopy(engine, (int) engineOffsets[i], flat, (int) region.offset(), (int) region.length());
        }
        job.parameters().assign(Nd4j.create(flat, job.parameters().shape(), 'c').castTo(job.parameters().dataType()));
    }

    /** The plan the engine opens a session with. */
    NetworkPlan network(DeviceJob job) {
        return new NetworkPlan(sizes, activations, loss, job.l1(), job.l2(), toEngine(job), sameWidth);
    }
}
