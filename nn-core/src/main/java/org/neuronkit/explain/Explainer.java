package org.neuronkit.explain;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.data.DataSet;
import org.neuronkit.serve.Predictor;

/**
 * Explanations of a trained model's predictions, on raw inputs through a {@link Predictor} (its
 * normaliser included):
 * <ul>
 * <li>{@link #integratedGradients}: per row, each feature's share of F(x) − F(x′), the change of the
 * explained class's probability from a baseline x′ ({@link IntegratedGradients} has the formula);</li>
 * <li>{@link #permutationImportance}: per feature, the drop in accuracy (or R²) when its column is
 * shuffled ({@link PermutationImportance}).</li>
 * </ul>
 * Thread-safe as its predictor is; the predictor stays the caller's.
 *
 * <pre>{@code
 * try (Predictor predictor = Predictor.load(Path.of("runs/r/model.safetensors"))) {
 *     Explainer explainer = new Explainer(predictor);
 *     Attributions ig = explainer.integratedGradients(rows, Baseline.zeros(), 200);
 *     Importances ranked = explainer.permutationImportance(test, 5, 42);
 * }
 * }</pre>
 */
public final class Explainer {
    private final Predictor predictor;

    public Explainer(Predictor predictor) {
        this.predictor = predictor;
    }

    /**
     * Integrated gradients of each row of raw inputs x (N × F) for its predicted class (for a
     * regression model with one output, that output), from {@code baseline}, with {@code steps}
     * trapezoid steps along the path.
     */
    public Attributions integratedGradients(INDArray x, Baseline baseline, int steps) {
        return integratedGradients(x, baseline, steps, predictor.explainedOutputs(x));
    }

    /** Integrated gradients of row n of x for class {@code classes[n]}. */
    public Attributions integratedGradients(INDArray x, Baseline baseline, int steps, int[] classes) {
        return new IntegratedGradients(predictor, steps).explain(x, baseline, classes);
    }

    /**
     * The permutation importance of every feature on {@code data} (raw features with labels, or
     * regression targets), {@code repeats} shuffles per feature drawn from {@code seed}.
     */
    public Importances permutationImportance(DataSet data, int repeats, long seed) {
        return new PermutationImportance(predictor, repeats, seed).measure(data);
    }
}
