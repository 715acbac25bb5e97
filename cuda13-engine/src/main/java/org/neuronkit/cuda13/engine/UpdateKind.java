package org.neuronkit.cuda13.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.neuronkit.cuda13.api.UpdateRule;

/**
 * The optimizers {@code optimizer_update} in {@code kernels.cu} implements, numbered as there, each with the
 * registry keys of the hyper-parameters it reads (in the order of the kernel's h0 … h3) and its state buffers
 * (velocity, moments, sums of squares), each shaped like the parameters. The update rules
 * themselves are written once, in the kernel, and once more as its CPU twin ({@link ReferenceOps}), which the
 * tests hold against nn-core's optimizers.
 */
public enum UpdateKind {
    SGD("sgd", List.of()),
    MOMENTUM("momentum", List.of("velocity"), "mu"),
    NESTEROV("nesterov", List.of("velocity"), "mu"),
    ADAM("adam", List.of("m", "v"), "beta1", "beta2", "eps"),
    ADAMW("adamw", List.of("m", "v"), "beta1", "beta2", "eps", "wd"),
    RMSPROP("rmsprop", List.of("meanSquare"), "rho", "eps"),
    ADAGRAD("adagrad", List.of("squares"), "eps");

    private final String registryName;
    private final List<String> stateNames;
    private final List<String> keys;

    UpdateKind(String registryName, List<String> stateNames, String... keys) {
        this.registryName = registryName;
        this.stateNames = stateNames;
        this.keys = List.of(keys);
    }

    /** The name nn-core's optimizer registry gives this rule. */
    public String registryName() {
        return registryName;
    }

    /** The number kernels.cu's optimizer_update switches on. */
    public int code() {
        return ordinal();
    }

    public int stateBuffers() {
        return stateNames.size();
    }

    /**
     * The state buffers' names, in the kernel's order (s1, s2): the names nn-core's optimizer gives the same
     * arrays in {@code Optimizer.state()}, so that a checkpoint resumes on either path (a test holds them
     * against nn-core's).
     */
    public List<String> stateNames() {
        return stateNames;
    }

    /** The hyper-parameters' registry keys, in the kernel's order. */
    public List<String> keys() {
        return keys;
    }

    /** The kind a registry name names, or an IllegalArgumentException listing the served ones. */
    public static UpdateKind named(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.registryName.equals(key)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "optimizer '" + name + "' has no CUDA 13 kernel; served: " + Arrays.stream(values()).map(UpdateKind::registryName).toList()));
    }

    /** An update rule as the kernel takes it. */
    public record Update(UpdateKind kind, float[] hyperParameters, long weightCount, float clipValue, float clipNorm) {

        /** The rule's kind and its hyper-parameters read by this kind's keys; refuses a rule lacking one. */
        public static Update of(UpdateRule rule) {
            UpdateKind kind = named(rule.name());
            float[] h = new float[4];
            for (int i = 0; i < kind.keys.size(); i++) {
                h[i] = (float) rule.get(kind.keys.get(i));
            }
            return new Update(kind, h, rule.weightCount(), (float) rule.clipValue(), (float) rule.clipNorm());
        }

        /** Whether the gradient is clipped (by value, by norm or both) before the update. */
        public boolean clips() {
            return clipValue < Float.POSITIVE_INFINITY || clipNorm < Float.POSITIVE_INFINITY;
        }

        /** Hyper-parameter i (h0 … h3 of the kernel). */
        public float h(int i) {
            return hyperParameters[i];
        }
    }
}
