package org.neuronkit.cuda13.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.neuronkit.cuda13.api.CudaEngine;
import org.neuronkit.cuda13.api.Family;
import org.neuronkit.cuda13.api.NetworkPlan;
import org.neuronkit.cuda13.api.TrainingSession;
import org.neuronkit.cuda13.api.UpdateRule;

/**
 * The engine behind {@link CudaEngine}, found by {@link java.util.ServiceLoader} in the engine's class loader
 * (META-INF/services). With the system property {@code neuronkit.cuda13.device=reference} everything runs on
 * the CPU reference ({@link ReferenceOps}) instead of the GPU: the bridge's tests use it to train through the
 * whole path on machines without a GPU.
 */
public final class Cuda13Engine implements CudaEngine {
    /** The property that switches the engine to the CPU reference. */
    public static final String DEVICE_PROPERTY = "neuronkit.cuda13.device";
    /** The one loss the kernels have. */
    static final String SOFTMAX_CROSS_ENTROPY = "softmax-cross-entropy";

    @Override
    public String preflight() {
        try (Ops ops = open()) {
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    @Override
    public String describeDevice() {
        try (Ops ops = open()) {
            return ops instanceof CudaOps cuda ? cuda.info().report() : ops.device();
        }
    }

    @Override
    public Map<Family, Set<String>> served() {
        return Map.of(Family.ACTIVATION, Arrays.stream(HiddenActivation.Kind.values()).map(HiddenActivation.Kind::spec).collect(Collectors.toSet()),
                Family.LOSS, Set.of(SOFTMAX_CROSS_ENTROPY),
                Family.OPTIMIZER, Arrays.stream(UpdateKind.values()).map(UpdateKind::registryName).collect(Collectors.toSet()));
    }

    /** GPU 0, or the CPU reference when {@link #DEVICE_PROPERTY} says {@code reference}. */
    static Ops open() {
        return "reference".equals(System.getProperty(DEVICE_PROPERTY)) ? new ReferenceOps() : CudaOps.open();
    }

    @Override
    public TrainingSession open(NetworkPlan network, UpdateRule update, int maxRows) {
        MlpSpec spec = spec(network);
        UpdateKind.Update rule = UpdateKind.Update.of(update);
        if (maxRows <= 0) {
            throw new IllegalArgumentException("the batch size must be positive, got " + maxRows);
        }
        Ops ops = open();
        try {
            return new Session(ops, new Mlp(ops, spec, rule, network.parameters(), maxRows), maxRows);
        } catch (RuntimeException e) {
            ops.close();
            throw e;
        }
    }

    /** The engine's form of a plan; an IllegalArgumentException names what it has no kernel for. */
    static MlpSpec spec(NetworkPlan network) {
        if (!network.loss().name().equals(SOFTMAX_CROSS_ENTROPY)) {
            throw new IllegalArgumentException("loss '" + network.loss().name() + "' has no CUDA 13 kernel; served: " + SOFTMAX_CROSS_ENTROPY);
        }
        List<HiddenActivation> hidden = new ArrayList<>();
        for (String activation : network.activations()) {
            hidden.add(HiddenActivation.parse(activation));
        }
        return new MlpSpec(network.sizes(), hidden, network.l1(), network.l2(), network.loss().classWeights());
    }
}
