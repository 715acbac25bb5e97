package org.neuronkit.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuronkit.ConfigurationException;

class LearningRateScheduleTest {

    @Test
    void cosineStartsAtTheBaseRateAndFallsByTheCosineOfTheEpoch() {
        LearningRateSchedule cosine = LearningRateSchedule.parse("cosine");
        assertEquals(0.1, cosine.rate(0.1, 1, 4), 0);
        // epoch 3 of 4: (e − 1)/E = 1/2, cos(π/2) = 0, so half the base rate
        assertEquals(0.05, cosine.rate(0.1, 3, 4), 1e-15);
        // epoch 4 of 4: ½(1 + cos(3π/4)) = ½(1 − √2/2)
        assertEquals(0.1 * 0.5 * (1 - Math.sqrt(0.5)), cosine.rate(0.1, 4, 4), 1e-15);
        assertTrue(cosine.rate(0.1, 100, 100) > 0, "never zero");
    }

    @Test
    void stepHalvesEveryPeriod() {
        LearningRateSchedule step = LearningRateSchedule.parse("step(2, 0.5)");
        assertEquals("step(2,0.5)", step.spec());
        double[] expected = {0.8, 0.8, 0.4, 0.4, 0.2};
        for (int e = 1; e <= 5; e++) {
            assertEquals(expected[e - 1], step.rate(0.8, e, 5), 1e-15, "epoch " + e);
        }
        assertEquals(LearningRateSchedule.parse(step.spec()), step);
        assertEquals(0.25, LearningRateSchedule.parse("step").rate(1, 21, 30), 0);
        assertEquals(0.3, LearningRateSchedule.parse("constant").rate(0.3, 7, 9), 0);
    }

    /** α_t = α₀ t / W for t ≤ W, then the wrapped schedule over the remaining T − W: here a cosine over 4 of 7. */
    @Test
    void warmupRisesLinearlyThenRunsTheWrappedScheduleAfresh() {
        LearningRateSchedule warm = LearningRateSchedule.cosine().withWarmup(3);
        assertEquals("warmup(3,cosine)", warm.spec());
        assertEquals(warm, LearningRateSchedule.parse("warmup(3, cosine)"));
        double[] expected = {0.2 / 3, 0.4 / 3, 0.2,
            0.2, 0.2 * 0.5 * (1 + Math.cos(Math.PI / 4)), 0.1, 0.2 * 0.5 * (1 + Math.cos(3 * Math.PI / 4))};
        for (int t = 1; t <= 7; t++) {
            assertEquals(expected[t - 1], warm.rate(0.2, t, 7), 1e-15, "t = " + t);
        }
        LearningRateSchedule warmStep = LearningRateSchedule.parse("warmup(2,step(1,0.5))");
        assertEquals(0.5, warmStep.rate(1, 1, 5), 0);
        assertEquals(1, warmStep.rate(1, 2, 5), 0);
        assertEquals(1, warmStep.rate(1, 3, 5), 0);
        assertEquals(0.5, warmStep.rate(1, 4, 5), 0);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> warm.rate(0.2, 1, 3));
        assertEquals("a warm-up of 3 must be shorter than the run (3)", e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> LearningRateSchedule.parse("warmup(0,constant)"));
        assertEquals("the warm-up must last a positive number of epochs or steps, got 0", e.getMessage());
    }

    @Test
    void badSchedulesAreNamed() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> LearningRateSchedule.parse("cosin"));
        assertEquals("unknown learning-rate schedule 'cosin'; known: " + String.join(", ", Schedules.REGISTRY.usages()), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> LearningRateSchedule.parse("step(0,0.5)"));
        assertEquals("the step schedule's period must be positive, got 0", e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> LearningRateSchedule.step(3, 1.5));
        assertEquals("the step schedule's factor γ must be in (0, 1], got 1.5", e.getMessage());
    }
}
