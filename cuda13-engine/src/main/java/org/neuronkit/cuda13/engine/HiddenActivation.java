package org.neuronkit.cuda13.engine;

/**
 * A hidden layer's activation as the kernels know it: a kind (the number {@code act_value} and
 * {@code act_slope} of the generated {@code activations.cuh} switch on) and its parameter p (leaky ReLU's
 * γ, ELU's γ, swish's β; 0 for the others). The kinds, their names and their code are generated from
 * nn-core's activation registry by backend-cuda13's {@code KernelActivations} ({@code ActivationKernels}
 * is the Java twin); this class holds no list of its own. Spelled like nn-core's specs: {@code relu},
 * {@code leakyrelu(0.01)}, {@code swish(1.0)}.
 */
public record HiddenActivation(int kind, float parameter) {

    /** Checks that the kind is one the kernels have. */
    public HiddenActivation {
        if (kind < 0 || kind >= ActivationKernels.NAMES.size()) {
            throw new IllegalArgumentException("activation kind " + kind + " is not one of the kernels' 0 … " + (ActivationKernels.NAMES.size() - 1));
        }
    }

    /** The output layer's: f(z) = z (softmax is fused with the loss). */
    public static HiddenActivation identity() {
        return of("identity", 0f);
    }

    /** The activation of a registry name, e.g. {@code of("leakyrelu", 0.01f)}; an IllegalArgumentException lists the supported ones. */
    public static HiddenActivation of(String name, float parameter) {
        int kind = ActivationKernels.NAMES.indexOf(name);
        if (kind < 0) {
            throw new IllegalArgumentException("activation '" + name + "' has no CUDA kernel; supported: " + supported());
        }
        return new HiddenActivation(kind, parameter);
    }

    /**
     * The activation an nn-core spec names: a kernel's name, followed by its parameter in parentheses if it
     * takes one ({@code leakyrelu(0.01)}); an IllegalArgumentException names the spec and lists the supported ones.
     */
    public static HiddenActivation parse(String spec) {
        String text = spec.strip();
        for (int kind = 0; kind < ActivationKernels.NAMES.size(); kind++) {
            String name = ActivationKernels.NAMES.get(kind);
            if (ActivationKernels.PARAMETERS.get(kind).isEmpty() && text.equals(name)) {
                return new HiddenActivation(kind, 0f);
            }
            if (!ActivationKernels.PARAMETERS.get(kind).isEmpty() && text.startsWith(name + "(") && text.endsWith(")")) {
                String value = text.substring(name.length() + 1, text.length() - 1).strip();
                try {
                    return new HiddenActivation(kind, Float.parseFloat(value));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("activation '" + spec + "': " + ActivationKernels.PARAMETERS.get(kind)
                            + " = '" + value + "' is not a number");
                }
            }
        }
        throw new IllegalArgumentException("activation '" + spec + "' has no CUDA kernel; supported: " + supported());
    }

    /** The kinds the kernels have, with their parameters, for messages. */
    public static String supported() {
        StringBuilder names = new StringBuilder();
        for (int kind = 0; kind < ActivationKernels.NAMES.size(); kind++) {
            String parameter = ActivationKernels.PARAMETERS.get(kind);
            names.append(kind == 0 ? "" : ", ").append(ActivationKernels.NAMES.get(kind)).append(parameter.isEmpty() ? "" : "(" + parameter + ")");
        }
        return names.toString();
    }

    /** Every kind, with parameter {@code parameter} where it takes one: for the kernel checks. */
    public static java.util.List<HiddenActivation> all(float parameter) {
        java.util.List<HiddenActivation> all = new java.util.ArrayList<>();
        for (int kind = 0; kind < ActivationKernels.NAMES.size(); kind++) {
            all.add(new HiddenActivation(kind, ActivationKernels.PARAMETERS.get(kind).isEmpty() ? 0f : parameter));
        }
        return all;
    }

    /** The registry name. */
    public String name() {
        return ActivationKernels.NAMES.get(kind);
    }

    /** The spec string, as nn-core writes it. */
    public String spec() {
        return ActivationKernels.PARAMETERS.get(kind).isEmpty() ? name() : name() + "(" + parameter + ")";
    }

    /** f(z) in float, as the kernel computes it. */
    public float value(float z) {
        return ActivationKernels.value(kind, parameter, z);
    }

    /** f′(z) from z and a = f(z), as the kernel computes it. */
    public float slope(float z, float a) {
        return ActivationKernels.slope(kind, parameter, z, a);
    }
}
