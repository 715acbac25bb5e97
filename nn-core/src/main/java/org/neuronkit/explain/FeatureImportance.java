package org.neuronkit.explain;

/**
 * The permutation importance of one feature: over the repeats, the mean and the sample standard
 * deviation (0 for one repeat) of the score's drop, score(data) − score(data with the feature's
 * column shuffled).
 */
public record FeatureImportance(int feature, double mean, double std) {
}
