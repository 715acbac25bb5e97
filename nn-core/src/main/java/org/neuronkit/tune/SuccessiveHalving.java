package org.neuronkit.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.neuronkit.ConfigurationException;

/**
 * Synchronous successive halving (Jamieson and Talwalkar 2016; one bracket of Hyperband): every trial
 * trains to the first rung's epochs; the best ⌊n/η⌋ of a rung's n trials (at least one) go on to the
 * next rung; the last rung is {@code maxEpochs}.
 *
 * <p>The rungs count down from the maximum R by the factor η: rung k of s+1 trains to
 * round(R / η^(s−k)) epochs, with s = ⌊log_η(R / r)⌋ for the minimum r; R = 20, r = 2, η = 3 gives
 * 2, 7, 20. Synchronous rather than asynchronous (ASHA): a rung's decision waits for all its trials,
 * so it depends only on their results, never on which finished first, and a study is reproducible
 * and resumable from its results alone.
 *
 * @param minEpochs r, the first rung's epochs (at least 1)
 * @param maxEpochs R, the last rung's epochs
 * @param eta η &gt; 1, the factor between rungs' epochs and between their trial counts
 */
public record SuccessiveHalving(int minEpochs, int maxEpochs, int eta) {
    public SuccessiveHalving {
        if (minEpochs < 1 || maxEpochs < minEpochs) {
            throw new ConfigurationException("successive halving needs 1 ≤ minimum epochs ≤ maximum epochs, got " + minEpochs + " and "
                    + maxEpochs);
        }
        if (eta < 2) {
            throw new ConfigurationException("successive halving's reduction factor η (--eta) must be at least 2, got " + eta);
        }
    }

    /** The rungs' epochs, increasing, the last {@code maxEpochs}. */
    public List<Integer> rungs() {
        int s = 0;
        while ((double) maxEpochs / Math.pow(eta, s + 1) >= minEpochs) {
            s++;
        }
        List<Integer> rungs = new ArrayList<>();
        for (int k = s; k >= 0; k--) {
            int epochs = (int) Math.max(1, Math.round(maxEpochs / Math.pow(eta, k)));
            if (rungs.isEmpty() || epochs > rungs.get(rungs.size() - 1)) {
                rungs.add(epochs);
            }
        }
        return rungs;
    }

    /** How many of a rung's {@code n} trials go on: ⌊n/η⌋, at least 1. */
    public int survivors(int n) {
        return Math.max(1, n / eta);
    }

    /**
     * The trials that go on to the next rung: the {@link #survivors} best of {@code scores} (trial id →
     * score at this rung; a failed trial's score is NaN and is never promoted), the better score first; a
     * tie goes to the lower id.
     *
     * @param higherIsBetter true for an accuracy, false for a loss
     */
    public List<Integer> promote(java.util.Map<Integer, Double> scores, boolean higherIsBetter) {
        return scores.keySet().stream()
                .sorted(ranking(scores, higherIsBetter))
                .limit(survivors(scores.size()))
                .filter(id -> !Double.isNaN(scores.get(id)))
                .toList();
    }

    /** Orders trial ids by their score, best first, NaN last, ties by id. */
    static Comparator<Integer> ranking(java.util.Map<Integer, Double> scores, boolean higherIsBetter) {
        Comparator<Integer> byScore = Comparator.comparingDouble(id -> {
            double score = scores.get(id);
            return Double.isNaN(score) ? Double.POSITIVE_INFINITY : higherIsBetter ? -score : score;
        });
        return byScore.thenComparing(Comparator.naturalOrder());
    }
}
