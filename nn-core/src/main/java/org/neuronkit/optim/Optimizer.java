package org.neuronkit.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Updates the network's flat parameter buffer from its flat gradient buffer, which holds ∂R/∂θ of
 * the structural risk (the batch-mean gradient plus λW on the weights, docs/chapter.md §3). An update is a few
 * native operations over the whole buffer, never a loop over layers.
 */
public interface Optimizer {

    /**
     * Allocates the optimizer's state for a parameter buffer shaped like {@code parameters} (zeros),
     * if not done yet; {@link #step} calls it, and so does restoring a checkpoint.
     */
    default void prepare(INDArray parameters) {
    }

    /**
     * Tells the optimizer that the first {@code weightCount} entries of the flat buffers are weights
     * (the region L2 acts on; biases and activation parameters follow). The trainer calls it before
     * its first step; only rules that treat weights apart use it ({@link AdamW}'s decay).
     */
    default void setWeightCount(long weightCount) {
    }

    /** One update of {@code parameters} from {@code gradients}; {@code gradients} may be overwritten. */
    void step(INDArray parameters, INDArray gradients);

    /** α, the current learning rate: the schedule's rate at the last {@link #startStep}, or the base rate α₀ before any. */
    double learningRate();

    /** Sets the current α directly, until the next {@link #startStep} (for tests and hand-driven loops). */
    void setLearningRate(double learningRate);

    /** How α moves during a run: part of the optimizer's configuration, stored in checkpoints with {@link #spec()}. */
    RateSchedule schedule();

    /** Sets how α moves during a run (default {@link RateSchedule#CONSTANT}). */
    void setSchedule(RateSchedule schedule);

    /**
     * Sets α for step {@code step} (from 1) of epoch {@code epoch} of a run of {@code epochs} epochs of
     * {@code stepsPerEpoch} steps: {@link RateSchedule#rate} of the base rate α₀. The trainer calls it
     * before each epoch's first update, and before every update for a per-step schedule; it allocates nothing.
     */
    void startStep(int epoch, int step, int stepsPerEpoch, int epochs);

    /**
     * The optimizer's state (velocities, moments, step count) as named arrays, for checkpoints; the
     * arrays are live, so restoring means assigning into them.
     */
    Map<String, INDArray> state();

    /**
     * The update rule, its hyper-parameters and the base rate α₀ as a record: {@code toString()} is the
     * spec string, e.g. {@code sgd(lr=0.1)}, which {@link Optimizers#REGISTRY} parses back into an equal
     * record, and {@link OptimizerSpec#create()} makes an equal optimizer.
     */
    OptimizerSpec spec();
}
