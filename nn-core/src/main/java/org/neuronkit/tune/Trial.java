package org.neuronkit.tune;

import java.util.Map;
import java.util.TreeMap;

/**
 * One configuration of a study and what it reached: its sampled option values, its run folder (relative
 * to the study folder), its objective's score at each rung it finished (epochs → score), and why it
 * failed, if it did (then it is never promoted).
 *
 * @param id the trial's number, 0 .. trials − 1, in sampling order
 * @param folder the trial's run folder, relative to the study folder ({@code trial-07})
 * @param values option → value, e.g. {@code --lr → 0.003162}
 * @param scores epochs → the objective's score after that many epochs
 * @param failure the failure's message, or null
 */
public record Trial(int id, String folder, Map<String, String> values, Map<Integer, Double> scores, String failure) {
    public Trial {
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
        scores = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(scores));
    }

    /** The score after {@code epochs} epochs: NaN for a failed trial, null if not trained that far yet. */
    public Double score(int epochs) {
        return failure != null ? Double.valueOf(Double.NaN) : scores.get(epochs);
    }

    /** This trial with {@code score} recorded at {@code epochs}. */
    Trial withScore(int epochs, double score) {
        Map<Integer, Double> more = new TreeMap<>(scores);
        more.put(epochs, score);
        return new Trial(id, folder, values, more, failure);
    }

    /** This trial, failed with {@code message}. */
    Trial failed(String message) {
        return new Trial(id, folder, values, scores, message);
    }
}
