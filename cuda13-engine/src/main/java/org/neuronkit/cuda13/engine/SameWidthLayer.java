package org.neuronkit.cuda13.engine;

import java.util.Map;
import org.neuronkit.cuda13.api.SameWidthPlan;

/**
 * A layer of the engine as wide as the dense layer {@code after} (from 0) whose activated output it takes:
 * inverted dropout at {@code rate} with the masks' {@code seed} (kernels {@code dropout_forward} and
 * {@code dropout_backward}; the identity in evaluation), or batch norm with {@code momentum} and {@code epsilon}
 * (kernels {@code batch_norm_forward}, {@code batch_norm_inference}, {@code batch_norm_backward}), whose γ, β and
 * running averages live in the flat parameter buffer ({@link MlpSpec#normOffset}).
 */
public record SameWidthLayer(Kind kind, int after, float rate, long seed, float momentum, float epsilon) {

    /** The kinds by their registry names. */
    public enum Kind {
        DROPOUT("dropout"), BATCH_NORM("batchnorm");

        private final String registryName;

        Kind(String registryName) {
            this.registryName = registryName;
        }

        public String registryName() {
            return registryName;
        }
    }

    public SameWidthLayer {
        if (kind == Kind.DROPOUT && !(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("the dropout rate must be in [0, 1), got " + rate);
        }
        if (kind == Kind.BATCH_NORM && (!(momentum > 0 && momentum <= 1) || !(epsilon > 0))) {
            throw new IllegalArgumentException("batch norm needs a momentum in (0, 1] and ε > 0, got " + momentum + ", " + epsilon);
        }
    }

    public static SameWidthLayer dropout(int after, float rate, long seed) {
        return new SameWidthLayer(Kind.DROPOUT, after, rate, seed, 0, 0);
    }

    public static SameWidthLayer batchNorm(int after, float momentum, float epsilon) {
        return new SameWidthLayer(Kind.BATCH_NORM, after, 0, 0, momentum, epsilon);
    }

    /** The engine's form of a plan; an IllegalArgumentException names a kind without kernels or a missing parameter. */
    static SameWidthLayer of(SameWidthPlan plan) {
        return switch (plan.name()) {
            case "dropout" -> dropout(plan.after(), number(plan, "rate"), plan.seed());
            case "batchnorm" -> batchNorm(plan.after(), number(plan, "momentum"), number(plan, "epsilon"));
            default -> throw new IllegalArgumentException("layer '" + plan.name() + "' has no CUDA 13 kernel yet; served: " + Cuda13Engine.LAYERS);
        };
    }

    private static float number(SameWidthPlan plan, String key) {
        Map<String, Double> parameters = plan.parameters();
        Double value = parameters.get(key);
        if (value == null) {
            throw new IllegalArgumentException("layer '" + plan.name() + "' lacks its parameter '" + key + "'; it has " + parameters.keySet());
        }
        return value.floatValue();
    }
}
