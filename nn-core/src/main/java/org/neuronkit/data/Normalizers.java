package org.neuronkit.data;

import java.util.Iterator;
import org.neuronkit.registry.Args;
import org.neuronkit.registry.Registry;

/**
 * Input normalisers by name, unfitted: {@code none} (no normaliser: {@link #parse} returns null),
 * {@code minmax}, {@code minmax(global)} (alias {@code minmax-global}) and {@code standardize}.
 */
public final class Normalizers {

    /** Every normaliser by name: one line per normaliser. */
    public static final Registry<Normalizer> REGISTRY = new Registry<Normalizer>("normaliser")
            .add("none", "the inputs as they are", args -> none(args, null))
            .add("minmax(global)", "x' = (x − min) / (max − min) per feature, or over all features with 'global'",
                    Normalizers::minMax, "minmax", "minmax(global)")
            .add("minmax-global", "minmax(global)", args -> none(args, Normalizer.minMaxGlobal()))
            .add("standardize", "x' = (x − μ) / σ per feature", args -> none(args, Normalizer.standardize()));

    /** {@link #REGISTRY}'s names, as picocli {@code completionCandidates}. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return REGISTRY.usages().iterator();
        }
    }

    private Normalizers() {
    }

    /**
     * A new, unfitted normaliser of the kind {@code spec} names, or null for {@code none}.
     *
     * @throws org.neuronkit.ConfigurationException naming an unknown kind and listing the known ones
     */
    public static Normalizer parse(String spec) {
        return REGISTRY.parse(spec);
    }

    private static Normalizer minMax(Args args) {
        String scope = args.atMost(1).text(0, "");
        if (scope.isEmpty()) {
            return Normalizer.minMax();
        }
        if (scope.equalsIgnoreCase("global")) {
            return Normalizer.minMaxGlobal();
        }
        throw args.error("expected 'global', got '" + scope + "'");
    }

    private static Normalizer none(Args args, Normalizer normalizer) {
        args.atMost(0);
        return normalizer;
    }
}
