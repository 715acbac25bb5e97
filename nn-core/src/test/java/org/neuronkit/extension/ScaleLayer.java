package org.neuronkit.extension;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.layer.SameWidthLayer;
import org.neuronkit.layer.LayerSpec;
import org.neuronkit.layer.WeightInit;
import org.neuronkit.ops.OpSequence;

/**
 * A layer defined outside nn-core's main sources, to show that a new layer needs no edit elsewhere:
 * a = x ⊙ s with one learned scale s_j per unit, broadcast over the rows. Backward:
 * ∂L/∂s = Σ_rows ∂L/∂a ⊙ x, ∂L/∂x = ∂L/∂a ⊙ s. The scales are "other" parameters (not L2-regularised).
 *
 * <h2>Shapes</h2>
 * x, a, ∂L/∂a and ∂L/∂x are N × size; s and ∂L/∂s are 1 × size.
 */
final class ScaleLayer extends SameWidthLayer {
    private final double initial;
    private final OpSequence forwardOps = new OpSequence();
    private final OpSequence backwardOps = new OpSequence();
    private INDArray scale;
    private INDArray scaleGradient;
    private INDArray input;
    private INDArray output;
    private INDArray inputGradient;

    ScaleLayer(int size, double initial) {
        super(size);
        this.initial = initial;
    }

    @Override
    public int otherCount() {
        return size;
    }

    @Override
    public void bind(INDArray weights, INDArray others, INDArray weightGradients, INDArray otherGradients, WeightInit init) {
        scale = others.reshape(1, size);
        scaleGradient = otherGradients;
        if (init != null) {
            scale.assign(initial);
        }
    }

    @Override
    public INDArray forward(INDArray x) {
        input = x;
        if (output == null || output.rows() != x.rows() || output.dataType() != x.dataType()) {
            output = Nd4j.create(x.dataType(), x.rows(), size);
            inputGradient = output.ulike();
        }
        forwardOps.begin().mul(x, scale, output);
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        OpSequence ops = backwardOps.begin();
        ops.mul(gradOutput, input, inputGradient);
        ops.columnSum(inputGradient, scaleGradient);
        if (!needInputGradient) {
            return null;
        }
        ops.mul(gradOutput, scale, inputGradient);
        return inputGradient;
    }

    @Override
    public INDArray output() {
        return output;
    }

    @Override
    public Map<String, INDArray> parameterViews() {
        return Map.of("scale", scale);
    }

    @Override
    public String describe() {
        return "Scale(" + size + ")";
    }

    @Override
    public LayerSpec spec() {
        return new ScaleSpec(initial);
    }
}
