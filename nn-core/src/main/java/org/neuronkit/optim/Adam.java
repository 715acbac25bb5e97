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
 * FLOAT parameters in host memory take one Java pass ({@link FloatUpdatePass}); others (DOUBLE, a
 * device backend) one fused native {@code adam_updater} op (its step t changes each call; the op is not
 * rebuilt), then one subtraction.
 */
public final class Adam extends LearningRateOptimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private INDArray m;
    private INDArray v;
    private final INDArray step = Nd4j.scalar(0L);
    private final OpSequence stepOps = new OpSequence();
    private final HostPass hostPass;

    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
    }

    /** @param beta1 β₁ in [0, 1) @param beta2 β₂ in [0, 1) @param epsilon ε &gt; 0 */
    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        checkedBetas(beta1, beta2);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = AdaGrad.checkedEpsilon(epsilon);
        this.hostPass = new HostPass(beta1, beta2, this.epsilon);
    }

    /** Fails with a ConfigurationException unless β₁ and β₂ are in [0, 1). */
    static void checkedBetas(double beta1, double beta2) {
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new org.neuronkit.ConfigurationException("Adam's β₁ and β₂ must be in [0, 1), got " + beta1 + " and " + beta2);
        }
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
        if (FloatUpdatePass.serves(parameters, gradients, m, v)) {
            hostPass.run(stepRate(t + 1), parameters, gradients, m, v);
        } else {
            // in place: gradients becomes the update α_t m / (√v + ε); v and m are advanced
            OpSequence ops = stepOps.begin();
            ops.op("adam_updater").in(gradients).in(v).in(m).out(gradients).out(v).out(m)
                    .t(learningRate()).t(beta1).t(beta2).t(epsilon).i(t).run();
            ops.sub(parameters, gradients, parameters);
        }
        step.putScalar(0, t + 1);
    }

    /** α_t = α √(1−β₂ᵗ) / (1−β₁ᵗ) at step t (from 1), with α the current rate. */
    private double stepRate(int t) {
        return learningRate() * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
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
    public AdamSpec spec() {
        return new AdamSpec(baseRate(), beta1, beta2, epsilon);
    }

    /** Adam's rule for {@link FloatUpdatePass}: s is m, r is v, and the pass's rate is α_t. */
    private static final class HostPass extends FloatUpdatePass {
        private final float beta1;
        private final float beta2;
        private final float oneMinusBeta1;
        private final float oneMinusBeta2;
        private final float epsilon;

        HostPass(double beta1, double beta2, double epsilon) {
            this.beta1 = (float) beta1;
            this.beta2 = (float) beta2;
            this.oneMinusBeta1 = (float) (1 - beta1);
            this.oneMinusBeta2 = (float) (1 - beta2);
            this.epsilon = (float) epsilon;
        }

        @Override
        void update(float[] theta, float[] g, float[] m, float[] v, float alphaT, int len) {
            for (int i = 0; i < len; i++) {
                float gi = g[i];
                float mi = beta1 * m[i] + oneMinusBeta1 * gi;
                float vi = beta2 * v[i] + oneMinusBeta2 * gi * gi;
                m[i] = mi;
                v[i] = vi;
                theta[i] -= alphaT * mi / ((float) Math.sqrt(vi) + epsilon);
            }
        }
    }

    /** {@code lr=…, beta1=…, beta2=…, eps=…}, as Adam's and AdamW's spec strings write them. */
    static String hyperParameters(double lr, double beta1, double beta2, double eps) {
        return "lr=" + lr + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps;
    }
}
