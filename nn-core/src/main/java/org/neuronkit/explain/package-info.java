/**
 * What a trained model relies on: {@link org.neuronkit.explain.Explainer}, with integrated gradients
 * (attributions of one prediction to each input feature, from
 * {@link org.neuronkit.serve.Predictor#gradient}) and permutation importance (the drop in a score
 * when one feature column is shuffled).
 */
package org.neuronkit.explain;
