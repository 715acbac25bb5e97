package org.neuronkit.diagnostics;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ConfigurationException;
import org.neuronkit.layer.Dense;
import org.neuronkit.layer.Layer;
import org.neuronkit.network.Network;

/**
 * docs/chapter.md §6's argument for vanishing gradients, made an inequality that can be checked. The recursion
 * δ⁽ˡ⁾ = f_l′(z⁽ˡ⁾) ⊙ (W⁽ˡ⁺¹⁾ᵀ δ⁽ˡ⁺¹⁾) (docs/chapter.md §4) gives, when |f_l′| ≤ c everywhere (c = 0.25 for
 * the logistic function, 1 for tanh and ReLU),
 * <pre>
 *   ‖δ⁽ˡ⁾‖_F ≤ c · ‖W⁽ˡ⁺¹⁾‖₂ · ‖δ⁽ˡ⁺¹⁾‖_F,   so   ‖δ⁽ˡ⁾‖_F ≤ Π_{k=l}^{L−1} c ‖W⁽ᵏ⁺¹⁾‖₂ · ‖δ⁽ᴸ⁾‖_F,
 * </pre>
 * because ‖A ⊙ B‖_F ≤ max|B| ‖A‖_F and ‖Δ W‖_F ≤ ‖Δ‖_F ‖W‖₂ (spectral norm).
 *
 * <h2>Shapes</h2>
 * δ⁽ˡ⁾ is the batch matrix Δ⁽ˡ⁾ (N × M_l) of the last backward pass; in rows, Δ⁽ˡ⁾ = (Δ⁽ˡ⁺¹⁾ W⁽ˡ⁺¹⁾) ⊙ f′(Z⁽ˡ⁾).
 *
 * @param measured ‖δ⁽ˡ⁾‖_F for l = 1 … L (index l − 1)
 * @param bound the right-hand side for l = 1 … L (the last entry equals the measured ‖δ⁽ᴸ⁾‖_F)
 * @param maxSlope c, the bound on |f′| of every hidden layer
 */
public record DeltaBound(double[] measured, double[] bound, double maxSlope) {

    /**
     * The bound after the network's last backward pass.
     *
     * @throws ConfigurationException when a hidden layer is not {@link Dense} (the argument needs an
     *         element-wise activation)
     */
    public static DeltaBound of(Network network, double maxSlope) {
        int count = network.layers().size();
        double[] measured = new double[count];
        double[] bound = new double[count];
        for (int l = count - 1; l >= 0; l--) {
            Layer layer = network.layers().get(l);
            if (!(layer instanceof Dense)) {
                throw new ConfigurationException("the δ bound needs element-wise activations, but layer " + (l + 1) + " is " + layer.describe());
            }
            INDArray delta = layer.delta();
            if (delta == null) {
                throw new ConfigurationException("the δ bound needs a backward pass first (computeGradient)");
            }
            measured[l] = delta.norm2Number().doubleValue();
            bound[l] = l == count - 1 ? measured[l]
                    : maxSlope * MatrixNorms.spectral(((Dense) network.layers().get(l + 1)).weights()) * bound[l + 1];
        }
        return new DeltaBound(measured, bound, maxSlope);
    }
}
