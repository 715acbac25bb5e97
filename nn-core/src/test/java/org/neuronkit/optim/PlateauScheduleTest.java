package org.neuronkit.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuronkit.ConfigurationException;
import org.neuronkit.io.SpecJson;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.Metric;

/**
 * {@link PlateauSchedule} against PyTorch's documented {@code ReduceLROnPlateau} rule, traced by hand in
 * the comments: better = a &lt; best·(1 − threshold) (rel, min mode); else num_bad_epochs += 1; in cooldown
 * the counter is reset and the cooldown counts down; num_bad_epochs &gt; patience reduces lr to
 * max(lr·factor, min_lr), restarts the cooldown and the count.
 */
class PlateauScheduleTest {

    /** An epoch whose validation loss is {@code loss} (accuracy 1 − loss). */
    private static EpochResult epoch(int e, double loss) {
        return new EpochResult(e, loss, 1 - loss, loss, 1 - loss, 0.1, 1, 1);
    }

    /** The rate after each epoch's step, from α₀ = 1 (the rate of the epoch after it). */
    private static List<Double> rates(LearningRateSchedule schedule, double[] metric) {
        List<Double> rates = new ArrayList<>();
        for (int e = 1; e <= metric.length; e++) {
            schedule = schedule.afterEpoch(epoch(e, metric[e - 1]));
            rates.add(schedule.rate(1, e + 1, 100));
        }
        return rates;
    }

    @Test
    void reducesAtTheEpochsPyTorchReducesAt() {
        LearningRateSchedule schedule = LearningRateSchedule.parse("plateau(factor=0.5,patience=2,cooldown=1,min_lr=0.1)");
        double[] loss = {1.0, 0.9, 0.89995, 0.92, 0.91, 0.85, 0.86, 0.87, 0.88, 0.89, 0.90, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97, 0.98,
            0.99, 1.00};
        // e1 1.0 best; e2 0.9 best; e3 0.89995 is not below 0.9·(1 − 1e-4) = 0.89991: bad 1; e4 bad 2; e5 bad 3 > 2: lr 0.5, cooldown 1;
        // e6 0.85 best, cooldown 1 → 0; e7 bad 1, e8 bad 2, e9 bad 3: lr 0.25, cooldown 1; e10 bad, reset by the cooldown (→ 0);
        // e11 bad 1, e12 bad 2, e13 bad 3: lr 0.125; e14 reset by the cooldown; e15 1, e16 2, e17 3: lr max(0.0625, 0.1) = 0.1;
        // e18 reset; e19 1, e20 2, e21 3: max(0.05, 0.1) = 0.1, no change.
        List<Double> expected = new ArrayList<>();
        for (int e = 1; e <= 21; e++) {
            expected.add(e < 5 ? 1.0 : e < 9 ? 0.5 : e < 13 ? 0.25 : e < 17 ? 0.125 : 0.1);
        }
        assertEquals(expected, rates(schedule, loss));
    }

    @Test
    void maxModeFollowsTheMetricWithAnAbsoluteThreshold() {
        LearningRateSchedule schedule = LearningRateSchedule.parse("plateau(monitor=validation-accuracy,factor=0.1,patience=1,threshold=0.01,"
                + "threshold_mode=abs)");
        // accuracy = 1 − loss: 0.5 best; 0.505 is not above 0.5 + 0.01: bad 1; 0.52 best; 0.525 bad 1; 0.529 bad 2 > 1: lr 0.1;
        // 0.6 best; 0.55 bad 1; 0.55 bad 2: lr 0.01
        double[] loss = {0.5, 0.495, 0.48, 0.475, 0.471, 0.4, 0.45, 0.45};
        assertEquals(List.of(1.0, 1.0, 1.0, 1.0, 0.1, 0.1, 0.1, 0.010000000000000002), rates(schedule, loss));
    }

    @Test
    void theProgressTravelsInTheRecordsJson() {
        PlateauSchedule schedule = (PlateauSchedule) LearningRateSchedule.parse("plateau(patience=0)");
        LearningRateSchedule advanced = schedule.afterEpoch(epoch(1, 0.5)).afterEpoch(epoch(2, 0.6));
        assertEquals(new PlateauSchedule.Progress(2, 0.5, 0, 0, 1), ((PlateauSchedule) advanced).progress());
        String json = SpecJson.write(LearningRateSchedule.class, advanced);
        assertEquals(advanced, SpecJson.read(LearningRateSchedule.class, json));
        assertEquals(schedule, LearningRateSchedule.parse(advanced.spec()), "the spec string is the settings, from the start");
        RateSchedule rate = new RateSchedule(schedule, ScheduleUnit.EPOCH, 1).afterEpoch(epoch(1, 0.5)).afterEpoch(epoch(2, 0.6));
        assertEquals(advanced, rate.schedule(), "a RateSchedule advances its plateau");
        assertEquals(0.5 * 0.01, rate.rate(0.01, 3, 1, 10, 5), 1e-15, "after the warm-up the plateau's reduced rate");
    }

    @Test
    void refusesBadSettingsByName() {
        assertEquals("the plateau schedule's factor must be in (0, 1), got 1.5",
                assertThrows(ConfigurationException.class, () -> LearningRateSchedule.parse("plateau(factor=1.5)")).getMessage());
        assertEquals("the plateau schedule's threshold_mode is rel or abs, got 'relative'",
                assertThrows(ConfigurationException.class, () -> LearningRateSchedule.parse("plateau(threshold_mode=relative)")).getMessage());
        String unknown = assertThrows(ConfigurationException.class, () -> LearningRateSchedule.parse("plateau(monitor=val-f2)")).getMessage();
        assertEquals("unknown metric 'val-f2'; known: " + String.join(", ", Metric.REGISTRY.usages()), unknown);
        assertEquals("learning-rate schedule 'plateau(speed=2)': parameter 'speed=2' is not one of monitor=…, factor=…, patience=…, "
                + "threshold=…, threshold_mode=…, cooldown=…, min_lr=…",
                assertThrows(ConfigurationException.class, () -> LearningRateSchedule.parse("plateau(speed=2)")).getMessage());
    }
}
