package org.neuronkit.cuda13;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.ActivationFormula;
import org.neuronkit.activation.Activations;
import org.neuronkit.cuda13.api.ActivationPlan;
import org.neuronkit.registry.Registry;
import org.neuronkit.symbolic.Expr;
import org.neuronkit.symbolic.FloatCode;

/**
 * The GPU face of the activations (docs/design.md, "Faces"): from each registry entry's formula, the CUDA C
 * of the kernels' {@code act_value} and {@code act_slope} ({@code activations.cuh}, included by
 * {@code kernels.cu}) and their Java twin for the engine's CPU reference ({@code ActivationKernels.java}).
 * A kind is the index of a served entry in registry order; its code takes the entry's one hyper-parameter
 * (leaky ReLU's γ, ELU's γ, swish's β) as {@code p}, so one kind serves every value.
 *
 * <p>The slope is the formula's symbolic derivative with every occurrence of f(z) itself replaced by the
 * forward output {@code a} (tanh′ = 1 − a², σ′ = a(1 − a)), the values the kernels already hold.
 *
 * <p>Both files are committed; {@code KernelActivationsTest} fails when they differ from what this class
 * generates, and {@value #REGENERATE} writes them.
 */
public final class KernelActivations {

    /** The command that regenerates the committed files. */
    public static final String REGENERATE = "scripts/gen-activations.sh";
    /** The CUDA C header, beside kernels.cu. */
    public static final String CUDA_FILE = "cuda13-engine/src/main/resources/org/neuronkit/cuda13/engine/activations.cuh";
    /** The Java twin, in the engine's package. */
    public static final String JAVA_FILE = "cuda13-engine/src/main/java/org/neuronkit/cuda13/engine/ActivationKernels.java";

    /**
     * One activation kind of the kernels.
     *
     * @param code the number the kernels switch on
     * @param name the registry name
     * @param parameter the hyper-parameter's variable, or null
     * @param value f(z), in z and the parameter
     * @param slope f′(z), in z, the parameter and a = f(z)
     */
    public record Kind(int code, String name, String parameter, Expr value, Expr slope) {
    }

    private static final List<Kind> KINDS = build();

    private KernelActivations() {
    }

    /** The kinds, one per served registry entry, in registry order. */
    public static List<Kind> kinds() {
        return KINDS;
    }

    private static List<Kind> build() {
        List<Kind> kinds = new ArrayList<>();
        for (Registry.Entry<Activation> entry : Activations.REGISTRY.entries()) {
            if (refusal(entry).isEmpty()) {
                ActivationFormula formula = servedFormula(entry).orElseThrow();
                String parameter = formula.parameters().isEmpty() ? null : formula.parameters().keySet().iterator().next();
                Expr value = formula.expression().simplify();
                Expr slope = value.derivative(ActivationFormula.INPUT).replace(value, new Expr.Var("a")).simplify();
                kinds.add(new Kind(kinds.size(), entry.name(), parameter, value, slope));
            }
        }
        return List.copyOf(kinds);
    }

    /** The kind of a registry name, if the kernels serve it. */
    public static Optional<Kind> kind(String name) {
        return kinds().stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /** The first example of the entry that the kernels could serve: element-wise, without a learned parameter. */
    private static Optional<ActivationFormula> servedFormula(Registry.Entry<Activation> entry) {
        return entry.examples().stream().map(Activations::parse).map(Activation::formula).flatMap(Optional::stream)
                .filter(f -> f.learned() == null).findFirst();
    }

    /** Why the kernels cannot serve any form of {@code entry}, or empty. */
    public static Optional<String> refusal(Registry.Entry<Activation> entry) {
        Optional<ActivationFormula> formula = servedFormula(entry);
        if (formula.isEmpty()) {
            return Optional.of(entry.name() + " is not element-wise: the engine applies softmax only in its output layer, "
                    + "fused with the cross-entropy");
        }
        if (formula.get().parameters().size() > 1) {
            return Optional.of("the kernels take one parameter per activation; " + entry.name() + " has " + formula.get().parameters().keySet());
        }
        return Optional.empty();
    }

    /** Why the kernels cannot serve this activation (a hidden layer's), or empty. */
    public static Optional<String> refusal(Activation activation) {
        Optional<ActivationFormula> formula = activation.formula();
        if (formula.isPresent() && formula.get().learned() != null) {
            return Optional.of("its learned " + formula.get().learned().name() + " has no gradient kernel; use a fixed value, "
                    + "e.g. " + formula.get().name() + "(" + formula.get().learned().initial() + "), or train on the CPU");
        }
        Registry.Entry<Activation> entry = Activations.REGISTRY.entry(formula.map(ActivationFormula::name).orElse(activation.spec()));
        return entry == null ? Optional.of("it is not a registered activation") : refusal(entry);
    }

    /**
     * The activation as the engine takes it: its formula's registry name and one hyper-parameter (0 for none); an
     * activation without a formula goes by its spec, which the engine refuses by name.
     */
    public static ActivationPlan plan(Activation activation) {
        return activation.formula().map(f -> new ActivationPlan(f.name(), f.parameters().isEmpty() ? 0f
                : f.parameters().values().iterator().next().floatValue())).orElseGet(() -> new ActivationPlan(activation.spec(), 0f));
    }

    /** The names of the served kinds, for messages. */
    public static String supported() {
        return String.join(", ", kinds().stream().map(k -> k.parameter() == null ? k.name() : k.name() + "(" + k.parameter() + ")").toList());
    }

    /** activations.cuh. */
    public static String cudaSource() {
        StringBuilder c = new StringBuilder();
        c.append("// Generated by backend-cuda13's KernelActivations from nn-core's Activations.REGISTRY (each activation's formula);\n")
                .append("// do not edit: run ").append(REGENERATE).append(", then scripts/gen-ptx.sh.\n")
                .append("// kind: the activation's index below; p: its parameter (0 where it has none); a = f(z), the forward output.\n\n")
                .append("__device__ __forceinline__ float nk_sigmoid(float x) { return 1.0f / (1.0f + expf(-x)); }\n");
        appendSwitch(c, FloatCode.Dialect.CUDA, "__device__ __forceinline__ float act_value(int kind, float p, float z)", "nanf(\"\")", true);
        appendSwitch(c, FloatCode.Dialect.CUDA, "__device__ __forceinline__ float act_slope(int kind, float p, float z, float a)", "nanf(\"\")", false);
        return c.toString();
    }

    /** ActivationKernels.java. */
    public static String javaSource() {
        StringBuilder j = new StringBuilder();
        j.append("// Generated by backend-cuda13's KernelActivations from nn-core's Activations.REGISTRY; do not edit: run ")
                .append(REGENERATE).append(".\n")
                .append("package org.neuronkit.cuda13.engine;\n\nimport java.util.List;\n\n")
                .append("/** The kernels' activations (activations.cuh) in Java float arithmetic: the CPU reference's twin of act_value and act_slope. */\n")
                .append("final class ActivationKernels {\n\n")
                .append("    /** The registry names, indexed by kind. */\n")
                .append("    static final List<String> NAMES = List.of(")
                .append(String.join(", ", kinds().stream().map(k -> "\"" + k.name() + "\"").toList())).append(");\n\n")
                .append("    /** Each kind's parameter (\"\" for none), indexed by kind. */\n")
                .append("    static final List<String> PARAMETERS = List.of(")
                .append(String.join(", ", kinds().stream().map(k -> "\"" + (k.parameter() == null ? "" : k.parameter()) + "\"").toList()))
                .append(");\n\n    private ActivationKernels() {\n    }\n\n")
                .append("    private static float nk_sigmoid(float x) {\n        return 1.0f / (1.0f + (float) Math.exp(-x));\n    }\n\n")
                .append("    private static float nk_erf(float x) {\n        return FloatErf.erf(x);\n    }\n");
        appendSwitch(j, FloatCode.Dialect.JAVA, "    static float value(int kind, float p, float z)", "Float.NaN", true);
        appendSwitch(j, FloatCode.Dialect.JAVA, "    static float slope(int kind, float p, float z, float a)", "Float.NaN", false);
        return j.append("}\n").toString();
    }

    private static void appendSwitch(StringBuilder out, FloatCode.Dialect dialect, String signature, String otherwise, boolean value) {
        String indent = dialect == FloatCode.Dialect.JAVA ? "    " : "";
        out.append('\n').append(indent).append(value ? "// f(z)\n" : "// f'(z), from z and a = f(z)\n")
                .append(signature).append(" {\n").append(indent).append("    switch (kind) {\n");
        for (Kind kind : kinds()) {
            UnaryOperator<String> variables = v -> v.equals(kind.parameter()) ? "p" : v;
            Expr e = value ? kind.value() : kind.slope();
            out.append(indent).append("    case ").append(kind.code()).append(": return ").append(new FloatCode(dialect, variables).print(e))
                    .append(";   // ").append(kind.name()).append(": ").append(e).append('\n');
        }
        out.append(indent).append("    default: return ").append(otherwise).append(";\n")
                .append(indent).append("    }\n").append(indent).append("}\n");
    }

    /** Writes both files under the repository root {@code args[0]} (default: the working directory's parent). */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "..");
        Files.writeString(root.resolve(CUDA_FILE), cudaSource(), StandardCharsets.UTF_8);
        Files.writeString(root.resolve(JAVA_FILE), javaSource(), StandardCharsets.UTF_8);
        System.out.println("wrote " + root.resolve(CUDA_FILE) + " and " + root.resolve(JAVA_FILE));
    }
}
