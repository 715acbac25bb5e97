package org.neuronkit.cuda13.engine;

import java.util.Arrays;
import java.util.List;

/**
 * The losses the kernels compute on the output layer, by nn-core's registry names: the two cross-entropies
 * (kernels {@code softmax_cross_entropy}, {@code logistic_cross_entropy}: class indices as targets, class
 * weights) and the residual losses of {@code residual_loss} (float target rows, an output activation), with
 * the kernel's number for each and the registry key of its one parameter (Huber's δ).
 */
public enum OutputLoss {
    SOFTMAX_CROSS_ENTROPY("softmax-cross-entropy", -1, null),
    LOGISTIC_CROSS_ENTROPY("logistic-cross-entropy", -1, null),
    SQUARED_ERROR("squared-error", 0, null),
    HUBER("huber", 1, "delta"),
    MAE("mae", 2, null);

    private final String registryName;
    private final int residualCode;
    private final String parameterKey;

    OutputLoss(String registryName, int residualCode, String parameterKey) {
        this.registryName = registryName;
        this.residualCode = residualCode;
        this.parameterKey = parameterKey;
    }

    public String registryName() {
        return registryName;
    }

    /** Whether targets are class indices (the cross-entropies) rather than rows of numbers. */
    public boolean classifies() {
        return residualCode < 0;
    }

    /** The loss number of kernels.cu's residual_loss. */
    public int residualCode() {
        return residualCode;
    }

    /** The registry key of the loss's parameter, or null. */
    public String parameterKey() {
        return parameterKey;
    }

    /** The loss a registry name names, or an IllegalArgumentException listing the served ones. */
    public static OutputLoss named(String name) {
        return Arrays.stream(values()).filter(l -> l.registryName.equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "loss '" + name + "' has no CUDA 13 kernel; served: " + names()));
    }

    static List<String> names() {
        return Arrays.stream(values()).map(OutputLoss::registryName).toList();
    }
}
