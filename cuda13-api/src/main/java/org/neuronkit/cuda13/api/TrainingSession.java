package org.neuronkit.cuda13.api;

/**
 * A network and its optimizer state in the device's memory ({@link CudaEngine#open}). Nothing in an epoch
 * waits for the device except the read of its totals at the end.
 */
public interface TrainingSession extends AutoCloseable {

    /** Uploads a data set once; the handle names it in later calls. */
    int upload(HostData data);

    /**
     * One epoch over the uploaded set {@code data}: the rows in a seeded random order (drawn from
     * {@code shuffleSeed}), minibatches of the session's maxRows (the last one shorter), one update each,
     * step s (from 0) at learning rate {@code stepRates[s]}. Stops updating at the first non-finite step.
     */
    EpochTotals trainEpoch(int data, float[] stepRates, long shuffleSeed);

    /** The loss sum and correct predictions over the uploaded set {@code data}, parameters unchanged. */
    EpochTotals evaluate(int data);

    /** The flat parameters ({@link NetworkPlan#parameters()}'s layout), copied to the host. */
    float[] parameters();

    /** Replaces the flat parameters (e.g. from a checkpoint). */
    void setParameters(float[] values);

    /**
     * The optimizer's state, copied to the host, by the names nn-core's optimizer gives it
     * ({@code Optimizer.state()}: {@code velocity}, {@code m}, {@code v}, …; each shaped like the parameters),
     * and {@code step}, the updates done, as one value.
     */
    java.util.Map<String, float[]> optimizerState();

    /** Replaces the optimizer's state (e.g. from a checkpoint), in {@link #optimizerState()}'s names. */
    void setOptimizerState(java.util.Map<String, float[]> state);

    /** What the session runs on, e.g. the GPU's name or {@code CPU reference}. */
    String device();

    @Override
    void close();
}
