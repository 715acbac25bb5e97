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

    /** α, the current learning rate. */
    double learningRate();

    /** Sets α, e.g. from a schedule between epochs. */
    void setLearningRate(double learningRate);

    /**
     * The optimizer's state (velocities, moments, step count) as named arrays, for checkpoints; the
     * arrays are live, so restoring means assigning into them.
     */
    Map<String, INDArray> state();

    /**
     * Name and hyper-parameters, e.g. {@code sgd(lr=0.1)}: {@link Optimizers#parse} turns it back into
     * an equal optimizer, and a checkpoint stores it as the key of the state it holds.
     */
    String spec();
}
