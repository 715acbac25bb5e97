package org.neuronkit.bench;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The minibatches a benchmark feeds, in turn: {@value #COUNT} different ones for {@code fresh} (each
 * call gets arrays it has not seen for 255 calls, and together they are more data than the caches
 * hold), or the same one every time for {@code fixed}.
 */
final class InputBatches {
    /** How many different minibatches {@code fresh} cycles through. */
    static final int COUNT = 256;
    private final INDArray[] features;
    private final INDArray[] targets;
    private int next;

    /**
     * @param input {@code fresh} or {@code fixed}
     * @param withTargets whether to make one-hot targets too (training) or features only (inference)
     */
    InputBatches(Workload workload, String input, boolean withTargets) {
        int count = switch (input) {
            case "fresh" -> COUNT;
            case "fixed" -> 1;
            default -> throw new IllegalArgumentException("input must be fresh or fixed, got " + input);
        };
        features = new INDArray[count];
        targets = new INDArray[count];
        for (int k = 0; k < count; k++) {
            features[k] = workload.features(7 + k);
            targets[k] = withTargets ? Workload.oneHot(workload.labels(7 + k), workload.classes()) : null;
        }
    }

    /** The index of the next minibatch. */
    int next() {
        int k = next;
        next = (next + 1) % features.length;
        return k;
    }

    INDArray x(int k) {
        return features[k];
    }

    INDArray y(int k) {
        return targets[k];
    }
}
