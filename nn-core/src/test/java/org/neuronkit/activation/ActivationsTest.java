package org.neuronkit.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.testing.Gradients;

/**
 * Every docs/chapter.md §1 activation against an independent scalar implementation of its definition, its
 * backward against central differences of its own forward, and its stability at |z| = 1000.
 */
class ActivationsTest {

    private static double sigma(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Φ(x) = ½(1 + erf(x/√2)) from erf's Taylor series summed in 60-digit decimal arithmetic. */
    private static double normalCdf(double x) {
        java.math.MathContext mc = new java.math.MathContext(60);
        java.math.BigDecimal t = new java.math.BigDecimal(x / Math.sqrt(2));
        java.math.BigDecimal t2 = t.multiply(t, mc).negate();
        java.math.BigDecimal term = t;
        java.math.BigDecimal sum = t;
        for (int n = 1; n < 400; n++) {
            term = term.multiply(t2, mc).divide(java.math.BigDecimal.valueOf(n), mc);
            sum = sum.add(term.divide(java.math.BigDecimal.valueOf(2L * n + 1), mc), mc);
        }
        java.math.BigDecimal erf = sum.multiply(new java.math.BigDecimal(2 / Math.sqrt(Math.PI)), mc);
        return java.math.BigDecimal.ONE.add(erf).doubleValue() / 2;
    }

    static Stream<Arguments> definitions() {
        return Stream.of(
                Arguments.of("logistic", (DoubleUnaryOperator) ActivationsTest::sigma),
                Arguments.of("tanh", (DoubleUnaryOperator) x -> (Math.exp(x) - Math.exp(-x)) / (Math.exp(x) + Math.exp(-x))),
                Arguments.of("hardlogistic", (DoubleUnaryOperator) x -> Math.max(Math.min(0.25 * x + 0.5, 1), 0)),
                Arguments.of("hardtanh", (DoubleUnaryOperator) x -> Math.max(Math.min(x, 1), -1)),
                Arguments.of("relu", (DoubleUnaryOperator) x -> Math.max(0, x)),
                Arguments.of("leakyrelu(0.01)", (DoubleUnaryOperator) x -> Math.max(x, 0.01 * x)),
                Arguments.of("leakyrelu(0.3)", (DoubleUnaryOperator) x -> Math.max(x, 0.3 * x)),
                Arguments.of("elu(1.0)", (DoubleUnaryOperator) x -> Math.max(0, x) + Math.min(0, 1.0 * (Math.exp(x) - 1))),
                Arguments.of("elu(0.5)", (DoubleUnaryOperator) x -> Math.max(0, x) + Math.min(0, 0.5 * (Math.exp(x) - 1))),
                Arguments.of("selu", (DoubleUnaryOperator) x -> 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772 * (Math.exp(x) - 1))),
                Arguments.of("softplus", (DoubleUnaryOperator) x -> Math.log(1 + Math.exp(x))),
                Arguments.of("swish(1.0)", (DoubleUnaryOperator) x -> x * sigma(x)),
                Arguments.of("swish(0.0)", (DoubleUnaryOperator) x -> x / 2),
                Arguments.of("swish(10.0)", (DoubleUnaryOperator) x -> x * sigma(10 * x)),
                Arguments.of("gelu", (DoubleUnaryOperator) x -> Math.abs(x) > 30 ? Math.max(0, x) : x * normalCdf(x)),
                Arguments.of("gelu-tanh", (DoubleUnaryOperator) x -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)))),
                Arguments.of("gelu-sigmoid", (DoubleUnaryOperator) x -> x * sigma(1.702 * x)),
                Arguments.of("identity", (DoubleUnaryOperator) x -> x));
    }

    /**
     * A value check needs the formula written apart from the code under test, so a new activation
     * adds one line to {@link #definitions()}; this test names any registered activation that lacks it.
     */
    @Test
    void everyRegisteredActivationHasAValueDefinition() {
        java.util.Set<String> defined = definitions().map(a -> ((String) a.get()[0]).replaceAll("\\(.*", ""))
                .collect(java.util.stream.Collectors.toSet());
        java.util.List<String> missing = Activations.REGISTRY.names().stream()
                .filter(name -> !name.equals("softmax") && !defined.contains(name)).toList();
        assertEquals(java.util.List.of(), missing, "activations without a formula in ActivationsTest.definitions()");
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
    @MethodSource("definitions")
    void valuesMatchTheSpecDefinition(String spec, DoubleUnaryOperator definition) {
        INDArray z = inputs(1);
        INDArray a = Activations.parse(spec).apply(z);
        for (int i = 0; i < z.rows(); i++) {
            for (int j = 0; j < z.columns(); j++) {
                double expected = definition.applyAsDouble(z.getDouble(i, j));
                assertEquals(expected, a.getDouble(i, j), 1e-12 * Math.max(1, Math.abs(expected)), spec + " at " + z.getDouble(i, j));
            }
        }
    }

    /** Every registered element-wise activation, in every form its registry entry lists (softmax is checked below). */
    static Stream<String> registered() {
        return Activations.REGISTRY.examples().stream().filter(spec -> !spec.equals("softmax"));
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void finiteAtPlusMinusThousandInFloatAndDouble(String spec, DoubleUnaryOperator definition) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray z = Nd4j.create(new double[][] {{-1000, -100, 100, 1000}}).castTo(type);
            Activation f = Activations.parse(spec);
            INDArray a = f.apply(z);
            INDArray d = f.derivative(z);
            for (int j = 0; j < 4; j++) {
                double x = z.getDouble(0, j);
                assertTrue(Double.isFinite(a.getDouble(0, j)), spec + "(" + x + ") = " + a.getDouble(0, j) + " in " + type);
                assertTrue(Double.isFinite(d.getDouble(0, j)), spec + "'(" + x + ") = " + d.getDouble(0, j) + " in " + type);
                double expected = definition.applyAsDouble(x);
                if (Double.isFinite(expected)) {
                    assertEquals(expected, a.getDouble(0, j), 1e-6 * Math.max(1, Math.abs(expected)), spec + "(" + x + ") in " + type);
                }
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
            beta.addi(Nd4j.rand(DataType.DOUBLE, count).subi(0.5));
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
