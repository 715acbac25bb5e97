package org.neuronkit.cuda13.engine;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hidden layer's activation as the kernels know it: a kind (the number {@code kernels.cu} switches on)
 * and, for leaky ReLU, its slope γ. Spelled like nn-core's activation specs: {@code identity}, {@code relu},
 * {@code leakyrelu(γ)}, {@code tanh}, {@code logistic}, {@code gelu-tanh}.
 *
 * <p>Values f(z) and slopes f′(z) (the slope from z and a = f(z)):
 * relu max(z, 0), 1[z &gt; 0]; leaky relu z or γz, 1 or γ; tanh, 1 − a²; logistic 1/(1 + e^−z), a(1 − a);
 * gelu-tanh ½z(1 + tanh u) with u = √(2/π)(z + 0.044715z³), ½(1 + tanh u) + ½z(1 − tanh²u)√(2/π)(1 + 3·0.044715z²).
 */
public record HiddenActivation(Kind kind, float alpha) {

    /** The kernels' activation kinds, numbered as in {@code kernels.cu}. */
    public enum Kind {
        IDENTITY("identity"), RELU("relu"), LEAKY_RELU("leakyrelu"), TANH("tanh"), LOGISTIC("logistic"), GELU_TANH("gelu-tanh");

        private final String spec;

        Kind(String spec) {
            this.spec = spec;
        }

        /** The registry name of this kind (without leaky ReLU's slope). */
        public String spec() {
            return spec;
        }

        /** The number kernels.cu uses for this kind. */
        public int code() {
            return ordinal();
        }
    }

    private static final Pattern LEAKY = Pattern.compile("leakyrelu\\(\\s*([-+0-9.eE]+)\\s*\\)");
    private static final float GELU_C = (float) Math.sqrt(2 / Math.PI);
    private static final float GELU_K = 0.044715f;

    /** The activation an nn-core spec names, or an IllegalArgumentException listing the supported ones. */
    public static HiddenActivation parse(String spec) {
        String text = spec.trim().toLowerCase(Locale.ROOT);
        Matcher leaky = LEAKY.matcher(text);
        if (leaky.matches()) {
            return new HiddenActivation(Kind.LEAKY_RELU, Float.parseFloat(leaky.group(1)));
        }
        for (Kind kind : Kind.values()) {
            if (kind != Kind.LEAKY_RELU && kind.spec.equals(text)) {
                return new HiddenActivation(kind, 0f);
            }
        }
        throw new IllegalArgumentException("activation '" + spec + "' has no CUDA kernel; supported: " + supported());
    }

    /** The specs the kernels support, for messages. */
    public static String supported() {
        return "identity, relu, leakyrelu(γ), tanh, logistic, gelu-tanh";
    }

    /** The spec string, as nn-core writes it. */
    public String spec() {
        return kind == Kind.LEAKY_RELU ? "leakyrelu(" + alpha + ")" : kind.spec;
    }

    /** f(z) in float, as the kernel computes it. */
    public float value(float z) {
        switch (kind) {
            case RELU: return z > 0f ? z : 0f;
            case LEAKY_RELU: return z > 0f ? z : alpha * z;
            case TANH: return (float) Math.tanh(z);
            case LOGISTIC: return 1f / (1f + (float) Math.exp(-z));
            case GELU_TANH: return 0.5f * z * (1f + (float) Math.tanh(GELU_C * z * (1f + GELU_K * z * z)));
            default: return z;
        }
    }

    /** f′(z) from z and a = f(z), as the kernel computes it. */
    public float slope(float z, float a) {
        switch (kind) {
            case RELU: return z > 0f ? 1f : 0f;
            case LEAKY_RELU: return z > 0f ? 1f : alpha;
            case TANH: return 1f - a * a;
            case LOGISTIC: return a * (1f - a);
            case GELU_TANH: {
                float t = (float) Math.tanh(GELU_C * z * (1f + GELU_K * z * z));
                return 0.5f * (1f + t) + 0.5f * z * (1f - t * t) * GELU_C * (1f + 3f * GELU_K * z * z);
            }
            default: return 1f;
        }
    }
}
