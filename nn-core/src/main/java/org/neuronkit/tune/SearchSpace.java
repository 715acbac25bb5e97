package org.neuronkit.tune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.neuronkit.ConfigurationException;

/**
 * The options a search varies, each with its {@link Dimension}, keyed by the option's name
 * ({@code --lr}). Random search draws every trial's values independently from one
 * {@link SplittableRandom} seeded with the study's seed, visiting the options in name order, so the
 * same seed and the same space give the same trials whatever order the options were given in.
 */
public final class SearchSpace {
    private final Map<String, Dimension> dimensions;

    private SearchSpace(Map<String, Dimension> dimensions) {
        this.dimensions = Collections.unmodifiableMap(new TreeMap<>(dimensions));
    }

    /**
     * Parses option name → spec ({@code "--lr" → "log:1e-4..1e-1"}).
     *
     * @throws ConfigurationException naming the option and the bad token, or when {@code specs} is empty
     */
    public static SearchSpace parse(Map<String, String> specs) {
        if (specs.isEmpty()) {
            throw new ConfigurationException("the search space is empty: give at least one option to vary, e.g. --lr log:1e-4..1e-1");
        }
        Map<String, Dimension> dimensions = new LinkedHashMap<>();
        specs.forEach((option, spec) -> dimensions.put(option, Dimension.parse(option, spec)));
        return new SearchSpace(dimensions);
    }

    /** The dimensions in name order. */
    public Map<String, Dimension> dimensions() {
        return dimensions;
    }

    /** Option name → spec, as {@link #parse} takes it (for the study file). */
    public Map<String, String> specs() {
        Map<String, String> specs = new LinkedHashMap<>();
        dimensions.forEach((option, dimension) -> specs.put(option, dimension.spec()));
        return specs;
    }

    /** {@code count} trials' values (option → value), drawn with {@code seed}. */
    public List<Map<String, String>> sample(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, String>> trials = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> values = new LinkedHashMap<>();
            dimensions.forEach((option, dimension) -> values.put(option, dimension.sample(random)));
            trials.add(Collections.unmodifiableMap(values));
        }
        return trials;
    }
}
