package org.neuronkit.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ops.OpSequence;
import org.neuronkit.ops.OpSlot;

/**
 * An update rule with one state array s (shaped like the parameters, zero at first). FLOAT
 * parameters in host memory take the rule's {@link FloatUpdatePass}; others (DOUBLE, a device
 * backend) libnd4j's fused updater op, which turns the gradient g into the update u and advances s,
 * in place, then θ ← θ − u. A subclass gives both: the pass, the op's name and its floating-point
 * arguments.
 */
abstract class FusedUpdater extends LearningRateOptimizer {
    private final String opName;
    private final String stateName;
    private INDArray state;
    private final OpSequence stepOps = new OpSequence();
    private final FloatUpdatePass hostPass;

    /**
     * @param opName the libnd4j op, taking (g, s) and writing (u, s)
     * @param stateName the name of s in {@link #state()} and so in checkpoints
     * @param hostPass the same rule as a Java pass, run at the current α with s as its state
     */
    FusedUpdater(double learningRate, String opName, String stateName, FloatUpdatePass hostPass) {
        super(learningRate);
        this.opName = opName;
        this.stateName = stateName;
        this.hostPass = hostPass;
    }

    /** Gives {@code op} its floating-point arguments in libnd4j's order (α first). */
    abstract OpSlot arguments(OpSlot op);

    @Override
    public final void prepare(INDArray parameters) {
        if (state == null) {
            state = parameters.ulike().assign(0);
        }
    }

    @Override
    public final void step(INDArray parameters, INDArray gradients) {
        prepare(parameters);
        if (FloatUpdatePass.serves(parameters, gradients, state)) {
            hostPass.run(learningRate(), parameters, gradients, state);
            return;
        }
        OpSequence ops = stepOps.begin();
        arguments(ops.op(opName).in(gradients).in(state).out(gradients).out(state)).run();
        ops.sub(parameters, gradients, parameters);
    }

    @Override
    public final Map<String, INDArray> state() {
        return state == null ? Map.of() : Map.of(stateName, state);
    }
}
