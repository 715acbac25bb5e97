package org.neuronkit.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuronkit.ConfigurationException;

/** Parsing of search-space specs, their sampling distributions, and seeded reproducibility. */
class TuneSearchSpaceTest {

    @Test
    void logRangeSamplesAreLogUniform() {
        Dimension lr = Dimension.parse("--lr", "log:1e-4..1e-1");
        assertEquals(new Dimension.Range("log:1e-4..1e-1", 1e-4, 1e-1, true), lr);
        SplittableRandom random = new SplittableRandom(1);
        int n = 20_000;
        int belowMiddle = 0;
        for (int i = 0; i < n; i++) {
            double x = Double.parseDouble(lr.sample(random));
            assertTrue(x >= 1e-4 && x <= 1e-1, "outside the range: " + x);
            belowMiddle += x < Math.sqrt(1e-4 * 1e-1) ? 1 : 0;
        }
        // log-uniform: half the mass below the geometric mean 0.00316 (a uniform draw would put 2.7 % there)
        assertEquals(0.5, (double) belowMiddle / n, 0.02);
    }

    @Test
    void linearRangeSamplesAreUniform() {
        Dimension dropout = Dimension.parse("--dropout", "0..0.5");
        assertEquals(new Dimension.Range("0..0.5", 0, 0.5, false), dropout);
        SplittableRandom random = new SplittableRandom(2);
        int n = 20_000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Double.parseDouble(dropout.sample(random));
        }
        assertEquals(0.25, sum / n, 0.005);
        assertEquals(List.of("0.000", "0.2500", "0.5000"), dropout.coverage());
    }

    @Test
    void choicesAreSplitAtBars() {
        assertEquals(new Dimension.Choices("64,128|256,128", List.of("64,128", "256,128")), Dimension.parse("--hidden", "64,128|256,128"));
        assertEquals(List.of("adam"), Dimension.parse("--optimizer", "adam").coverage());
    }

    @Test
    void badSpecsNameTheOptionAndTheToken() {
        assertEquals("--lr log:1e-4..abc: 'abc' is not a finite number", message("--lr", "log:1e-4..abc"));
        assertEquals("--lr log:0..1: a log range needs a low end > 0, got 0", message("--lr", "log:0..1"));
        assertEquals("--dropout 0.5..0.1: the range's low end 0.5 must be below its high end 0.1", message("--dropout", "0.5..0.1"));
        assertEquals("--dropout 0..0.2..0.4: a range is A..B with two numbers, or log:A..B", message("--dropout", "0..0.2..0.4"));
        assertEquals("--lr log:0.1: a range is log:A..B with two numbers", message("--lr", "log:0.1"));
        assertEquals("--optimizer adam||sgd: an empty choice; choices are separated by one |, e.g. adam|sgd", message("--optimizer", "adam||sgd"));
        assertEquals("--lr: empty search space; give log:A..B, A..B or choices a|b|c", message("--lr", " "));
    }

    private static String message(String option, String spec) {
        return assertThrows(ConfigurationException.class, () -> Dimension.parse(option, spec)).getMessage();
    }

    @Test
    void theSameSeedGivesTheSameTrialsWhateverTheOptionOrder() {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("--lr", "log:1e-4..1e-1");
        one.put("--hidden", "64|128|256");
        Map<String, String> other = new LinkedHashMap<>();
        other.put("--hidden", "64|128|256");
        other.put("--lr", "log:1e-4..1e-1");
        List<Map<String, String>> a = SearchSpace.parse(one).sample(16, 7);
        assertEquals(a, SearchSpace.parse(other).sample(16, 7));
        assertNotEquals(a, SearchSpace.parse(one).sample(16, 8));
        assertEquals(16, a.stream().map(t -> t.get("--lr")).distinct().count(), "16 different learning rates");
    }

    @Test
    void anEmptySpaceIsRefused() {
        assertEquals("the search space is empty: give at least one option to vary, e.g. --lr log:1e-4..1e-1",
                assertThrows(ConfigurationException.class, () -> SearchSpace.parse(Map.of())).getMessage());
    }
}
