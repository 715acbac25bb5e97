package org.neuronkit.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ConfigurationException;
import org.neuronkit.layer.Layer;
import org.neuronkit.network.Network;
import org.neuronkit.train.TrainingListener;
import org.neuronkit.train.TrainingPlan;

/**
 * Watches gradients flow through a network while it trains (docs/chapter.md §6, vanishing gradients): at chosen
 * steps it records, for every layer with weights (dropout and batch-norm layers have none and are
 * left out), ‖δ⁽ˡ⁾‖_F (docs/chapter.md §4's error term over the step's batch), ‖∂R/∂W⁽ˡ⁾‖_F and the
 * relative size of the optimizer's update, ‖ΔW⁽ˡ⁾‖_F / ‖W⁽ˡ⁾‖_F.
 *
 * <p>It records the first step of training and then either the last step of every epoch (the default)
 * or every {@code everySteps}-th step. Each record is one minibatch's values, not an average.
 * Recording costs a few reductions per layer and one copy of the weights; other steps cost nothing.
 */
public final class GradientDiagnostics implements TrainingListener {
    private final Network network;
    private final int everySteps;
    private final List<GradientRecord> records = new ArrayList<>();
    private int batchesPerEpoch;
    private INDArray weightsBefore;
    private List<LayerGradient> pending;

    /**
     * @param network the network the trainer trains
     * @param everySteps record every this many steps; 0 to record the last step of each epoch
     */
    public GradientDiagnostics(Network network, int everySteps) {
        if (everySteps < 0) {
            throw new ConfigurationException("the diagnostics interval must be ≥ 0 steps (0: once per epoch), got " + everySteps);
        }
        this.network = network;
        this.everySteps = everySteps;
    }

    /** Records the last step of each epoch (and the first step of training). */
    public GradientDiagnostics(Network network) {
        this(network, 0);
    }

    /** Everything recorded so far, in step order. */
    public List<GradientRecord> records() {
        return List.copyOf(records);
    }

    /** The records made during {@code epoch}. */
    public List<GradientRecord> recordsOf(int epoch) {
        return records.stream().filter(r -> r.epoch() == epoch).toList();
    }

    @Override
    public void onStart(TrainingPlan plan) {
        batchesPerEpoch = plan.batchesPerEpoch();
        records.clear();
    }

    /** It reads each recorded step's gradients and δ. */
    @Override
    public boolean needsSteps() {
        return true;
    }

    @Override
    public void beforeUpdate(int epoch, int step) {
        if (!recorded(epoch, step)) {
            return;
        }
        INDArray weights = WeightRegions.region(network, network.parameters());
        if (weightsBefore == null || weightsBefore.length() != weights.length()) {
            weightsBefore = weights.dup();
        } else {
            weightsBefore.assign(weights);
        }
        List<INDArray> gradients = WeightRegions.views(network, network.gradients());
        List<INDArray> before = WeightRegions.views(network, weightsBefore);
        pending = new ArrayList<>();
        for (int l = 0; l < network.layers().size(); l++) {
            Layer layer = network.layers().get(l);
            if (layer.weightCount() == 0) {
                continue;
            }
            INDArray delta = layer.delta();
            pending.add(new LayerGradient(l + 1, layer.describe(),
                    delta == null ? Double.NaN : delta.norm2Number().doubleValue(),
                    gradients.get(l).norm2Number().doubleValue(),
                    before.get(l).norm2Number().doubleValue(), Double.NaN));
        }
    }

    @Override
    public void onStep(int epoch, int step, double batchRisk, int batchSize) {
        if (pending == null) {
            return;
        }
        INDArray change = WeightRegions.region(network, network.parameters()).sub(weightsBefore);
        List<INDArray> changes = WeightRegions.views(network, change);
        List<LayerGradient> layers = new ArrayList<>();
        for (int l = 0; l < pending.size(); l++) {
            LayerGradient g = pending.get(l);
            double ratio = changes.get(g.layer() - 1).norm2Number().doubleValue() / g.weightNorm();
            layers.add(new LayerGradient(g.layer(), g.description(), g.deltaNorm(), g.weightGradientNorm(), g.weightNorm(), ratio));
        }
        records.add(new GradientRecord(epoch, step, globalStep(epoch, step), layers));
        pending = null;
    }

    private boolean recorded(int epoch, int step) {
        long global = globalStep(epoch, step);
        if (global == 1) {
            return true;
        }
        return everySteps > 0 ? (global - 1) % everySteps == 0 : step == batchesPerEpoch;
    }

    private long globalStep(int epoch, int step) {
        return (long) (epoch - 1) * batchesPerEpoch + step;
    }
}
