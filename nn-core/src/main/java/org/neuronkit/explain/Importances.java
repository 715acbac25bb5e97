package org.neuronkit.explain;

import java.util.Comparator;
import java.util.List;

/**
 * Permutation importances of every feature: the score's name ({@code accuracy} or {@code R²}), its
 * value on the unshuffled data, and each feature's {@link FeatureImportance} in feature order.
 */
public record Importances(String metric, double score, List<FeatureImportance> features) {
    public Importances {
        features = List.copyOf(features);
    }

    /** The features from the most to the least important (by mean drop; ties by feature index). */
    public List<FeatureImportance> ranked() {
        return features.stream().sorted(Comparator.comparingDouble(FeatureImportance::mean).reversed()
                .thenComparingInt(FeatureImportance::feature)).toList();
    }
}
