package org.neuronkit.data;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A per-feature transformation of the inputs, fitted on the training split only and then applied
 * unchanged to every split (training, validation, test, and inputs given to a saved model).
 *
 * <p>Its state is {@link #spec()} plus the named tensors of {@link #params()}; a model file stores
 * both and {@link #restore} recreates an equal normaliser.
 *
 * <h2>Shapes</h2>
 * {@link #fit} and {@link #transform} take N × F matrices; every later call must have the F of the fit.
 */
public interface Normalizer {

    /** Learns the parameters from {@code training} (not modified); returns this. */
    Normalizer fit(INDArray training);

    /** Normalises {@code x} in place with the fitted parameters and returns it. */
    INDArray transform(INDArray x);

    /** Undoes {@link #transform} in place (x = x'·scale + shift for the affine kinds) and returns {@code x}. */
    INDArray inverse(INDArray x);

    /** The kind, e.g. {@code minmax}, {@code minmax(global)}, {@code standardize}. */
    String spec();

    /** The fitted parameters by name (copies), e.g. {@code shift} and {@code scale}, each of length F. */
    Map<String, INDArray> params();

    /** Scales each feature to [0, 1] on the training data: x' = (x − min) / (max − min). */
    static Normalizer minMax() {
        return new AffineNormalizer(AffineNormalizer.Kind.MINMAX);
    }

    /**
     * Scales all features with one minimum and maximum over the whole training matrix, for pixels
     * and other features on a common scale: x' = (x − min) / (max − min).
     */
    static Normalizer minMaxGlobal() {
        return new AffineNormalizer(AffineNormalizer.Kind.MINMAX_GLOBAL);
    }

    /** The z-score of each feature: x' = (x − μ) / σ, with σ the population standard deviation. */
    static Normalizer standardize() {
        return new AffineNormalizer(AffineNormalizer.Kind.STANDARDIZE);
    }

    /** A fitted normaliser from a saved {@link #spec()} and {@link #params()}. */
    static Normalizer restore(String spec, Map<String, INDArray> params) {
        return AffineNormalizer.restore(spec, params);
    }
}
