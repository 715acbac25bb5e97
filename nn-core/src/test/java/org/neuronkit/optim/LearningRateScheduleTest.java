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

    @Test
    void badSchedulesAreNamed() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> LearningRateSchedule.parse("cosin"));
        assertEquals("unknown learning-rate schedule 'cosin'; known: constant, cosine, step(EVERY,GAMMA)", e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> LearningRateSchedule.parse("step(0,0.5)"));
        assertEquals("the step schedule's period must be positive, got 0", e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> LearningRateSchedule.step(3, 1.5));
        assertEquals("the step schedule's factor γ must be in (0, 1], got 1.5", e.getMessage());
    }
}
