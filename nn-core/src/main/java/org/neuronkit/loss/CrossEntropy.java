package org.neuronkit.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activation;
import org.neuronkit.ops.OpSequence;

/**
 * A cross-entropy loss fused with the output activation it belongs to (softmax, or logistic), see
 * {@link Losses#softmaxCrossEntropy()} and {@link Losses#logisticCrossEntropy()}. The value comes
 * from ND4J's fused loss op on the logits z, which never takes the log of a zero probability; for
 * both pairs the error term of the output layer is δ⁽ᴸ⁾ = (ŷ − y)/N (docs/chapter.md §4).
 *
 * <p>With {@link ClassWeights} each row's loss is multiplied by its class's weight u_n = w_{y⁽ⁿ⁾}
 * ({@link RowWeights}) and the sum still divided by N: R = (1/N) Σₙ u_n L⁽ⁿ⁾, so
 * δ⁽ᴸ⁾ = u ⊙ (ŷ − y)/N, with the N × 1 column u broadcast over the C outputs. The spec then lists
 * the weights: {@code softmax-cross-entropy(w0,w1,…)}.
 */
final class CrossEntropy implements Loss {

    private final boolean logistic;
    private final Activation output;
    private final NativeLossSum sum;
    private final ClassWeights classWeights;
    private final RowWeights rowWeights;
    private final OpSequence deltaOps = new OpSequence();

    /**
     * @param logistic whether the output is logistic (binary cross-entropy) rather than softmax
     * @param classWeights null for an unweighted cross-entropy
     */
    CrossEntropy(boolean logistic, Activation output, NativeLossSum sum, ClassWeights classWeights) {
        this.logistic = logistic;
        this.output = output;
        this.sum = sum;
        this.classWeights = classWeights;
        this.rowWeights = classWeights == null ? null : new RowWeights(classWeights);
    }

    @Override
    public Activation outputActivation() {
        return output;
    }

    @Override
    public void checkOutputSize(int units) {
        int expected = units == 1 && logistic ? 2 : units;
        if (classWeights != null && classWeights.size() != expected) {
            throw new ConfigurationException(classWeights.size() + " class weights " + classWeights + " for an output layer of "
                    + units + (units == 1 ? " logistic unit, which needs 2 (w0 for y = 0, w1 for y = 1)" : " classes"));
        }
    }

    @Override
    public double value(INDArray z, INDArray yHat, INDArray y) {
        return (rowWeights == null ? sum.sum(y, z) : sum.sum(y, z, rowWeights.of(y, z.dataType()))) / z.rows();
    }

    @Override
    public void delta(INDArray z, INDArray yHat, INDArray y, INDArray delta) {
        OpSequence ops = deltaOps.begin();
        ops.sub(yHat, y, delta);
        if (rowWeights != null) {
            ops.mul(delta, rowWeights.of(y, delta.dataType()), delta);
        }
        ops.mul(delta, 1.0 / z.rows(), delta);
    }

    @Override
    public boolean classifies() {
        return true;
    }

    @Override
    public Loss withClassWeights(ClassWeights weights) {
        return new CrossEntropy(logistic, output, sum, weights);
    }

    @Override
    public LossSpec record() {
        java.util.List<Double> weights = classWeights == null ? java.util.List.of() : classWeights.asList();
        return logistic ? new LogisticCrossEntropySpec(weights) : new SoftmaxCrossEntropySpec(weights);
    }
}
