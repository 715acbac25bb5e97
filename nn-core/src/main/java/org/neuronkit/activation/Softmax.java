package org.neuronkit.activation;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ops.OpSequence;

/**
 * softmax(z)_c = exp(z_c) / Σ_k exp(z_k), over each row (docs/chapter.md §1, §3: the output of a C-class
 * classifier). Not element-wise: {@link #backward} is the vector-Jacobian product
 * {@code dLdz = a ⊙ (dLda − Σ_c dLda_c a_c)} per row. ND4J's {@code softmax} subtracts the row
 * maximum first, so it is stable for large inputs.
 */
final class Softmax implements Activation {
    private final OpSequence forwardOps = new OpSequence();
    private final OpSequence backwardOps = new OpSequence();

    @Override
    public String spec() {
        return "softmax";
    }

    @Override
    public Optional<ActivationFormula> formula() {
        return Optional.empty();                 // per row, not element-wise: each path handles softmax by name
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        forwardOps.begin().op("softmax").in(z).out(a).i(1).run();
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        backwardOps.begin().op("softmax_bp").in(z).in(dLda).out(dLdz).i(1).run();
    }

    /** exp(z_i − max_j z_j) / Σ_j exp(z_j − max_j z_j) on each row, the sums in double. */
    @Override
    public FloatKernel floatKernel() {
        return (values, rows, width) -> {
            for (int start = 0; start < rows * width; start += width) {
                float max = Float.NEGATIVE_INFINITY;
                for (int j = start; j < start + width; j++) {
                    max = Math.max(max, values.get(j));
                }
                double sum = 0;
                for (int j = start; j < start + width; j++) {
                    double e = Math.exp(values.get(j) - max);
                    values.put(j, (float) e);
                    sum += e;
                }
                float inverse = (float) (1 / sum);
                for (int j = start; j < start + width; j++) {
                    values.put(j, values.get(j) * inverse);
                }
            }
        };
    }
}
