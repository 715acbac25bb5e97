package org.neuronkit.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.testing.Gradients;

/**
 * Every docs/chapter.md §1 activation's CPU code against its formula ({@link Activation#formula()}, an
 * independent definition evaluated by the symbolic package), its backward against central differences of
 * its own forward, and its stability at |z| = 1000.
 */
class ActivationsTest {

    /** The registry's examples of element-wise activations: every one has a formula (checked below). */
    static Stream<String> registered() {
        return Activations.REGISTRY.examples().stream().filter(spec -> Activations.parse(spec).formula().isPresent());
    }

    /** The activations that are not element-wise, and so have no formula; each path handles them by name. */
    private static final java.util.Set<String> ROW_WISE = java.util.Set.of("softmax");

    /**
     * The formula is the definition every path reads, so a registered activation without one fails here by name
     * (Activation.formula() is abstract, so a new class must decide; only a row-wise one may answer empty).
     */
    @Test
    void everyElementWiseActivationHasAFormula() {
        java.util.List<String> missing = Activations.REGISTRY.examples().stream()
                .filter(spec -> Activations.parse(spec).formula().isEmpty() && !ROW_WISE.contains(spec)).toList();
        assertEquals(java.util.List.of(), missing, "activations without a formula (Activation.formula())");
        for (String spec : Activations.REGISTRY.examples()) {
            Activations.parse(spec).formula().ifPresent(f -> assertEquals(java.util.List.of(), f.unboundVariables(),
                    spec + ": variables of " + f.expression() + " without a value"));
        }
        for (String spec : ROW_WISE) {
            assertTrue(Activations.parse(spec).formula().isEmpty(), spec + " is row-wise and cannot have an element-wise formula");
        }
    }

    /** The activation of {@code spec} with a learnable β bound to its initial value, and the formula's values of the parameters. */
    private static Activation bound(String spec, int units, DataType type, Map<String, Double> values) {
        Activation f = Activations.parse(spec);
        ActivationFormula formula = f.formula().orElseThrow();
        if (f instanceof ParametricActivation p && formula.learned() != null) {
            int count = p.parameterCount(units);
            p.bind(Nd4j.create(type, count), Nd4j.create(type, count), true);
            values.put(formula.learned().name(), formula.learned().initial());
        }
        return f;
    }

    /** Random z in [−5, 5] (away from the kinks) and the large |z| where overflow or cancellation would show. */
    private static INDArray inputsWithLargeMagnitudes(DataType type) {
        INDArray z = inputs(4);
        double[] large = {-1000, -100, -40, -20, 20, 40, 100, 1000, -7.5};
        for (int j = 0; j < large.length; j++) {
            z.putScalar(0, j, large[j]);
        }
        return z.castTo(type);
    }

    /**
     * The CPU code (native op sequences) against its formula, an independent definition: forward against f(z),
     * backward against the symbolic f′(z), in double to 1e-12 relative (or absolute below 1) and in float to
     * 2e-6 (a few float roundings of the op sequence), on random z and at |z| up to 1000.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("registered")
    void cpuForwardAndBackwardEqualTheFormula(String spec) {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            double tolerance = type == DataType.DOUBLE ? 1e-12 : 2e-6;
            INDArray z = inputsWithLargeMagnitudes(type);
            Map<String, Double> values = new java.util.HashMap<>();
            Activation f = bound(spec, z.columns(), type, values);
            ActivationFormula formula = f.formula().orElseThrow();
            INDArray a = f.apply(z);
            INDArray slope = f.derivative(z);
            for (int i = 0; i < z.rows(); i++) {
                for (int j = 0; j < z.columns(); j++) {
                    double x = z.getDouble(i, j);
                    values.put(ActivationFormula.INPUT, x);
                    double value = formula.value().evaluate(values);
                    double derivative = formula.derivative().evaluate(values);
                    assertEquals(value, a.getDouble(i, j), tolerance * Math.max(1, Math.abs(value)), spec + "(" + x + ") in " + type);
                    assertEquals(derivative, slope.getDouble(i, j), tolerance * Math.max(1, Math.abs(derivative)),
                            spec + "′(" + x + ") in " + type + ", f′ = " + formula.derivative());
                }
            }
        }
    }

    /** At the kinks the formula's derivative takes the side the CPU code takes (relu′(0) = 0, hardtanh′(±1) = 0, elu′(0) = γ). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("registered")
    void cpuSlopesAtTheKinksEqualTheFormulas(String spec) {
        INDArray z = Nd4j.createFromArray(-2.0, -1.0, 0.0, 1.0, 2.0).reshape(1, 5);
        Map<String, Double> values = new java.util.HashMap<>();
        Activation f = bound(spec, 5, DataType.DOUBLE, values);
        INDArray slope = f.derivative(z);
        for (int j = 0; j < 5; j++) {
            values.put(ActivationFormula.INPUT, z.getDouble(0, j));
            double expected = f.formula().orElseThrow().derivative().evaluate(values);
            assertEquals(expected, slope.getDouble(0, j), 1e-12, spec + "′(" + z.getDouble(0, j) + ")");
        }
    }

    /** Random inputs in [−5, 5], kept 1e-3 away from the kinks at 0, ±1 and ±2. */
    private static INDArray inputs(long seed) {
        Random random = new Random(seed);
        double[][] z = new double[7][9];
        for (double[] row : z) {
            for (int j = 0; j < row.length; j++) {
                double v;
                do {
                    v = random.nextDouble() * 10 - 5;
                } while (nearKink(v));
                row[j] = v;
            }
        }
        return Nd4j.create(z);
    }

    private static boolean nearKink(double v) {
        for (double k : new double[] {-2, -1, 0, 1, 2}) {
            if (Math.abs(v - k) < 1e-3) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registered")
    void backwardMatchesCentralDifferences(String spec) {
        assertBackwardMatchesNumerical(Activations.parse(spec), inputs(2));
    }

    @Test
    void softmaxBackwardMatchesCentralDifferences() {
        Activation softmax = Activations.softmax();
        INDArray z = inputs(3);
        INDArray dLda = inputs(99);
        INDArray analytic = z.ulike();
        softmax.backward(z, softmax.apply(z), dLda, analytic);
        INDArray numeric = Gradients.central(z, () -> softmax.apply(z).mul(dLda).sumNumber().doubleValue());
        Gradients.assertClose("softmax", analytic, numeric, 1e-7, 1e-3);
    }

    @Test
    void softmaxRowsArePositiveAndSumToOneEvenForHugeInputs() {
        INDArray z = Nd4j.create(new double[][] {{1000, 0, -1000}, {1, 2, 3}});
        INDArray a = Activations.softmax().apply(z);
        for (int i = 0; i < 2; i++) {
            assertEquals(1.0, a.getRow(i).sumNumber().doubleValue(), 1e-12);
        }
        assertEquals(1.0, a.getDouble(0, 0), 1e-12);
        double e = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertEquals(Math.exp(3) / e, a.getDouble(1, 2), 1e-12);
    }

    /**
     * For an element-wise f, backward(z, a, g) must equal g ⊙ (f(z + h) − f(z − h)) / 2h, every entry
     * perturbed at once (each output depends on its own input only).
     */
    private static void assertBackwardMatchesNumerical(Activation f, INDArray z) {
        INDArray dLda = inputs(99);
        INDArray analytic = z.ulike();
        f.backward(z, f.apply(z), dLda, analytic);
        double h = 1e-5;
        INDArray numeric = f.apply(z.add(h)).subi(f.apply(z.sub(h))).divi(2 * h).muli(dLda);
        Gradients.assertClose(f.spec(), analytic, numeric, 1e-7, 1e-3);
    }

    /** Finite values and slopes at |z| = 1000 in float and double, where a naive exp would overflow. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("registered")
    void finiteAtPlusMinusThousandInFloatAndDouble(String spec) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray z = Nd4j.create(new double[][] {{-1000, -100, 100, 1000}}).castTo(type);
            Activation f = bound(spec, 4, type, new java.util.HashMap<>());
            INDArray a = f.apply(z);
            INDArray d = f.derivative(z);
            for (int j = 0; j < 4; j++) {
                double x = z.getDouble(0, j);
                assertTrue(Double.isFinite(a.getDouble(0, j)), spec + "(" + x + ") = " + a.getDouble(0, j) + " in " + type);
                assertTrue(Double.isFinite(d.getDouble(0, j)), spec + "'(" + x + ") = " + d.getDouble(0, j) + " in " + type);
            }
        }
    }

    @Test
    void derivativesHaveTheChaptersRanges() {
        INDArray z = Nd4j.linspace(-10, 10, 2001, DataType.DOUBLE).reshape(1, 2001);
        INDArray sigmaPrime = Activations.logistic().derivative(z);
        assertEquals(0.25, sigmaPrime.maxNumber().doubleValue(), 1e-12, "max σ′ = σ′(0) = 1/4");
        assertTrue(sigmaPrime.minNumber().doubleValue() >= 0);
        INDArray tanhPrime = Activations.tanh().derivative(z);
        assertEquals(1.0, tanhPrime.maxNumber().doubleValue(), 1e-12, "max tanh′ = tanh′(0) = 1");
        INDArray softplusPrime = Activations.softplus().derivative(z);
        Gradients.assertClose("softplus′ = σ", softplusPrime, Activations.logistic().apply(z), 1e-12, 1e-300);
        INDArray hard = Activations.hardLogistic().derivative(Nd4j.create(new double[][] {{-3, -1.9, 0, 1.9, 3}}));
        assertEquals(Nd4j.create(new double[][] {{0, 0.25, 0.25, 0.25, 0}}), hard);
    }

    @Test
    void learnableSwishBetaGradientsMatchCentralDifferences() {
        for (ParametricActivation swish : new ParametricActivation[] {
                Activations.swishLearnedPerLayer(0.7), Activations.swishLearnedPerNeuron(1.3)}) {
            INDArray z = inputs(5);
            INDArray dLda = inputs(6);
            int count = swish.parameterCount(z.columns());
            INDArray beta = Nd4j.create(DataType.DOUBLE, count);
            INDArray betaGrad = Nd4j.create(DataType.DOUBLE, count);
            swish.bind(beta, betaGrad, true);
            Nd4j.getRandom().setSeed(17);
            beta.addi(Nd4j.rand(DataType.DOUBLE, count).subi(0.5));     // seeded: the same β in any test order
            INDArray a = swish.apply(z);
            INDArray dz = z.ulike();
            swish.backward(z, a, dLda, dz);
            INDArray analytic = betaGrad.dup();
            INDArray numeric = Gradients.central(beta, () -> swish.apply(z).mul(dLda).sumNumber().doubleValue());
            Gradients.assertClose(swish.spec() + " ∂/∂β", analytic, numeric, 1e-7, 1e-3);
            assertBackwardMatchesNumerical(swish, z);
        }
    }

    @Test
    void specRoundTripsThroughParse() {
        for (String spec : new String[] {"logistic", "tanh", "hardlogistic", "hardtanh", "relu", "leakyrelu(0.2)",
                "elu(0.5)", "softplus", "swish(2.0)", "swish(learn,1.5)", "swish(learn-neuron,1.0)", "gelu",
                "gelu-tanh", "gelu-sigmoid", "identity", "softmax"}) {
            assertEquals(spec, Activations.parse(spec).spec());
        }
    }

    @Test
    void unknownNamesAndBadParametersAreNamed() {
        ConfigurationException unknown = assertThrows(ConfigurationException.class, () -> Activations.parse("relux"));
        assertTrue(unknown.getMessage().contains("'relux'") && unknown.getMessage().contains("leakyrelu"), unknown.getMessage());
        ConfigurationException bad = assertThrows(ConfigurationException.class, () -> Activations.parse("elu(abc)"));
        assertTrue(bad.getMessage().contains("'abc'"), bad.getMessage());
        ConfigurationException range = assertThrows(ConfigurationException.class, () -> Activations.leakyRelu(1.5));
        assertTrue(range.getMessage().contains("1.5"), range.getMessage());
        for (String spec : new String[] {"swish(NaN)", "swish(Infinity)", "swish(learn,NaN)"}) {
            ConfigurationException beta = assertThrows(ConfigurationException.class, () -> Activations.parse(spec), spec);
            assertTrue(beta.getMessage().startsWith("swish: β = ") && beta.getMessage().endsWith(" must be a finite number"), beta.getMessage());
        }
    }

    @Test
    void hardTanhAndLeakyReluSlopesAtTheirKinks() {
        INDArray z = Nd4j.createFromArray(-1.5, -1.0, -0.999, 0.0, 0.999, 1.0, 1.5);
        assertEquals(Nd4j.createFromArray(0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0), Activations.parse("hardtanh").derivative(z));
        assertEquals(Nd4j.createFromArray(0.1, 0.1, 0.1, 0.1, 1.0, 1.0, 1.0), Activations.parse("leakyrelu(0.1)").derivative(z));
    }

    @Test
    void hardLogisticSlopeIsAQuarterInsideTheOpenIntervalOnly() {
        INDArray z = Nd4j.createFromArray(-2.5, -2.0, -1.999, 0.0, 1.999, 2.0, 2.5);
        INDArray slope = Activations.parse("hardlogistic").derivative(z);
        assertEquals(Nd4j.createFromArray(0.0, 0.0, 0.25, 0.25, 0.25, 0.0, 0.0), slope);
        INDArray a = Activations.parse("hardlogistic").apply(z);
        assertEquals(Nd4j.createFromArray(0.0, 0.0, 0.00025, 0.5, 0.99975, 1.0, 1.0), a);
    }
}
