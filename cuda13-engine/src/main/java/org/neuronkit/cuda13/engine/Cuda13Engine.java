package org.neuronkit.cuda13.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.neuronkit.cuda13.api.ActivationPlan;
import org.neuronkit.cuda13.api.CudaEngine;
import org.neuronkit.cuda13.api.Family;
import org.neuronkit.cuda13.api.LossPlan;
import org.neuronkit.cuda13.api.NetworkPlan;
import org.neuronkit.cuda13.api.SameWidthPlan;
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
    /** The layer kinds {@link Mlp} trains: dense hidden layers, the output layer, and dropout and batch norm after a hidden layer. */
    static final List<String> LAYERS = List.of("dense", "output", "dropout", "batchnorm");

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
        return Map.of(Family.LAYER, Set.copyOf(LAYERS), Family.ACTIVATION, Set.copyOf(ActivationKernels.NAMES),
                Family.LOSS, Set.copyOf(OutputLoss.names()),
                Family.OPTIMIZER, Arrays.stream(UpdateKind.values()).map(UpdateKind::registryName).collect(Collectors.toSet()));
    }

    @Override
    public String refusal(Family family, String name) {
        try {
            switch (family) {
                case LAYER -> {
                    if (!LAYERS.contains(name)) {
                        throw new IllegalArgumentException("layer '" + name + "' has no CUDA 13 kernel yet; served: " + LAYERS);
                    }
                }
                case ACTIVATION -> HiddenActivation.of(name, 0f);
                case LOSS -> OutputLoss.named(name);
                case OPTIMIZER -> UpdateKind.named(name);
            }
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
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
        List<HiddenActivation> hidden = new ArrayList<>();
        for (ActivationPlan activation : network.activations()) {
            hidden.add(of(activation));
        }
        List<SameWidthLayer> sameWidth = new ArrayList<>();
        for (SameWidthPlan layer : network.sameWidth()) {
            sameWidth.add(SameWidthLayer.of(layer));
        }
        return new MlpSpec(network.sizes(), hidden, lossForm(network.loss()), network.l1(), network.l2(), sameWidth);
    }

    /** The kernels' form of a loss plan; an IllegalArgumentException names a loss or output activation without a kernel. */
    static LossForm lossForm(LossPlan plan) {
        OutputLoss kind = OutputLoss.named(plan.name());
        float parameter = 0;
        if (kind.parameterKey() != null) {
            Double value = plan.parameters().get(kind.parameterKey());
            if (value == null) {
                throw new IllegalArgumentException("loss '" + plan.name() + "' lacks its parameter '" + kind.parameterKey() + "'");
            }
            parameter = value.floatValue();
        }
        HiddenActivation output = plan.outputActivation() == null ? HiddenActivation.identity() : of(plan.outputActivation());
        return new LossForm(kind, parameter, output, plan.classWeights());
    }

    private static HiddenActivation of(ActivationPlan activation) {
        return HiddenActivation.of(activation.name(), activation.parameter());
    }
}
