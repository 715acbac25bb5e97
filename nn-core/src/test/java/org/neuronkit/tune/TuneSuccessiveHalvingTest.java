package org.neuronkit.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuronkit.ConfigurationException;

/** The rungs' epochs and the promotions of successive halving, on made-up scores. */
class TuneSuccessiveHalvingTest {

    @Test
    void rungsCountDownFromTheMaximumByEta() {
        assertEquals(List.of(2, 7, 20), new SuccessiveHalving(2, 20, 3).rungs()); // 20/9, 20/3, 20
        assertEquals(List.of(1, 2, 4, 8), new SuccessiveHalving(1, 8, 2).rungs());
        assertEquals(List.of(3, 9, 27), new SuccessiveHalving(2, 27, 3).rungs()); // 27/27 = 1 < 2: three rungs
        assertEquals(List.of(5), new SuccessiveHalving(5, 5, 3).rungs());
    }

    @Test
    void theBestThirdGoesOnAtEachRung() {
        SuccessiveHalving halving = new SuccessiveHalving(2, 20, 3);
        Map<Integer, Double> scores = new LinkedHashMap<>();
        double[] accuracy = {0.50, 0.91, 0.88, 0.97, 0.10, 0.91, 0.60, 0.95, 0.30, 0.20, 0.40, 0.70, 0.80, 0.85, 0.05, 0.15};
        for (int id = 0; id < accuracy.length; id++) {
            scores.put(id, accuracy[id]);
        }
        // 16 → ⌊16/3⌋ = 5: 0.97, 0.95, then the tie 0.91 (ids 1 and 5: the lower id first), 0.88
        assertEquals(List.of(3, 7, 1, 5, 2), halving.promote(scores, true));
        Map<Integer, Double> next = Map.of(3, 0.96, 7, 0.98, 1, 0.90, 5, 0.99, 2, 0.93);
        assertEquals(List.of(5), halving.promote(next, true)); // ⌊5/3⌋ = 1
        assertEquals(List.of(1), halving.promote(Map.of(3, 0.2, 1, 0.1, 2, 0.3), false)); // a loss: lowest first
    }

    @Test
    void aFailedTrialIsNeverPromoted() {
        SuccessiveHalving halving = new SuccessiveHalving(1, 4, 2);
        assertEquals(List.of(1), halving.promote(Map.of(0, Double.NaN, 1, 0.5), true));
        assertEquals(List.of(), halving.promote(Map.of(0, Double.NaN, 1, Double.NaN), true));
    }

    @Test
    void badBudgetsAreRefused() {
        assertEquals("successive halving's reduction factor η (--eta) must be at least 2, got 1",
                assertThrows(ConfigurationException.class, () -> new SuccessiveHalving(1, 9, 1)).getMessage());
        assertEquals("successive halving needs 1 ≤ minimum epochs ≤ maximum epochs, got 5 and 3",
                assertThrows(ConfigurationException.class, () -> new SuccessiveHalving(5, 3, 3)).getMessage());
    }
}
