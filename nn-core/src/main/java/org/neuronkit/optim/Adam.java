package org.neuronkit.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ops.OpSequence;

/**
 * Adam (Kingma &amp; Ba 2015) over the flat buffer, with g = ∂R/∂θ (so λ acts as classic L2, not as
 * decoupled weight decay): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − α_t m / (√v + ε) with
 * α_t = α √(1−β₂ᵗ) / (1−β₁ᵗ). This is the paper's "more efficient" ordering (end of its §2), used by
 * ND4J, Deeplearning4j and TensorFlow; it differs from the m̂/(√v̂ + ε) form only in where ε sits.
 * One fused native {@code adam_updater} op (its step t changes each call; the op is not rebuilt),
 * then one subtraction.
 */
public final class Adam extends LearningRateOptimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private INDArray m;
    private INDArray v;
    private final INDArray step = Nd4j.scalar(0L);
    private final OpSequence stepOps = new OpSequence();

    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
    }

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public void prepare(INDArray parameters) {
        if (m == null) {
            m = parameters.ulike().assign(0);
            v = parameters.ulike().assign(0);
        }
    }

    @Override
    public void step(INDArray parameters, INDArray gradients) {
        prepare(parameters);
        int t = step.getInt(0);
        // in place: gradients becomes the update α m̂ / (√v̂ + ε); v and m are advanced
        OpSequence ops = stepOps.begin();
        ops.op("adam_updater").in(gradients).in(v).in(m).out(gradients).out(v).out(m)
                .t(learningRate()).t(beta1).t(beta2).t(epsilon).i(t).run();
        ops.sub(parameters, gradients, parameters);
        step.putScalar(0, t + 1);
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        if (m != null) {
            state.put("m", m);
            state.put("v", v);
        }
        state.put("step", step);
        return state;
    }

    @Override
    public String spec() {
        return "adam(" + hyperParameters() + ")";
    }

    /** {@code lr=…, beta1=…, beta2=…, eps=…}, as in {@link #spec()}. */
    String hyperParameters() {
        return "lr=" + learningRate() + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + epsilon;
    }
}
