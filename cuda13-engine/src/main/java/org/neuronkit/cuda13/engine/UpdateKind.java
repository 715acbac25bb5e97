package org.neuronkit.cuda13.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.neuronkit.cuda13.api.UpdateRule;

/**
 * The optimizers {@code optimizer_update} in {@code kernels.cu} implements, numbered as there, each with the
 * registry keys of the hyper-parameters it reads (in the order of the kernel's h0 … h3) and its number of
 * state buffers (velocity, moments, sums of squares), each shaped like the parameters. The update rules
 * themselves are written once, in the kernel, and once more as its CPU twin ({@link ReferenceOps}), which the
 * tests hold against nn-core's optimizers.
 */
public enum UpdateKind {
    SGD("sgd", 0),
    MOMENTUM("momentum", 1, "mu"),
    NESTEROV("nesterov", 1, "mu"),
    ADAM("adam", 2, "beta1", "beta2", "eps"),
    ADAMW("adamw", 2, "beta1", "beta2", "eps", "wd"),
    RMSPROP("rmsprop", 1, "rho", "eps"),
    ADAGRAD("adagrad", 1, "eps");

    private final String registryName;
    private final int stateBuffers;
    private final List<String> keys;

    UpdateKind(String registryName, int stateBuffers, String... keys) {
        this.registryName = registryName;
        this.stateBuffers = stateBuffers;
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
        return stateBuffers;
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
    public record Update(UpdateKind kind, float[] hyperParameters, long weightCount) {

        /** The rule's kind and its hyper-parameters read by this kind's keys; refuses a rule lacking one. */
        public static Update of(UpdateRule rule) {
            UpdateKind kind = named(rule.name());
            float[] h = new float[4];
            for (int i = 0; i < kind.keys.size(); i++) {
                h[i] = (float) rule.get(kind.keys.get(i));
            }
            return new Update(kind, h, rule.weightCount());
        }

        /** Hyper-parameter i (h0 … h3 of the kernel). */
        public float h(int i) {
            return hyperParameters[i];
        }
    }
}
