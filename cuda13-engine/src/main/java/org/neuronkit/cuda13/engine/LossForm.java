package org.neuronkit.cuda13.engine;

/**
 * The output layer's loss as the kernels take it.
 *
 * @param kind which loss
 * @param parameter its parameter (Huber's δ), 0 for the others
 * @param output the output activation of a residual loss (identity for the cross-entropies, which fuse their own)
 * @param classWeights a cross-entropy's class weights, or null
 */
public record LossForm(OutputLoss kind, float parameter, HiddenActivation output, float[] classWeights) {

    /** Softmax cross-entropy without class weights. */
    public static final LossForm SOFTMAX = new LossForm(OutputLoss.SOFTMAX_CROSS_ENTROPY, 0, HiddenActivation.identity(), null);

    public LossForm {
        classWeights = classWeights == null ? null : classWeights.clone();
        if (classWeights != null && !kind.classifies()) {
            throw new IllegalArgumentException("class weights apply to the cross-entropies, not to " + kind.registryName());
        }
        if (kind == OutputLoss.HUBER && !(parameter > 0)) {
            throw new IllegalArgumentException("Huber's δ must be > 0, got " + parameter);
        }
    }

    /** 4-byte words of targets per row: one class index, or one number per output. */
    public int targetColumns(int outputs) {
        return kind.classifies() ? 1 : outputs;
    }

    /** e.g. {@code softmax}, {@code huber(δ = 0.5, tanh)}. */
    public String describe() {
        return switch (kind) {
            case SOFTMAX_CROSS_ENTROPY -> "softmax";
            case LOGISTIC_CROSS_ENTROPY -> "logistic";
            default -> kind.registryName() + "(" + (kind == OutputLoss.HUBER ? "δ = " + parameter + ", " : "") + output.spec() + ")";
        } + (classWeights == null ? "" : " weighted " + java.util.Arrays.toString(classWeights));
    }
}
