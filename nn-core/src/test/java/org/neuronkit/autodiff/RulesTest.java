package org.neuronkit.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;
import org.neuronkit.gradcheck.FiniteDifferences;
import org.neuronkit.gradcheck.GradientChecker;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every rule of the table, in both directions, against central differences in double precision:
 * for y = op(x…) and a random weight R, the scalar L = Σ R ⊙ y has reverse-mode gradients and
 * forward-mode directional derivatives that must match the difference quotients within 1e-6.
 */
class RulesTest {
    private static final DataType D = DataType.DOUBLE;
    private static final double TOLERANCE = 1e-6;

    /** An op on inputs of the given shapes, drawn uniformly from [lo, hi]. */
    record Case(String name, long[][] shapes, double lo, double hi, Function<Node[], Node> op) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void seed() {
        Nd4j.getRandom().setSeed(7);
    }

    static Stream<Case> cases() {
        long[] m = {3, 4};
        long[] row = {1, 4};
        long[] col = {3, 1};
        long[] scalar = {};
        List<Case> c = new ArrayList<>(List.of(
            new Case("add", new long[][] {m, m}, -2, 2, x -> x[0].add(x[1])),
            new Case("add row", new long[][] {m, row}, -2, 2, x -> x[0].add(x[1])),
            new Case("add column to row", new long[][] {col, row}, -2, 2, x -> x[0].add(x[1])),
            new Case("add scalar", new long[][] {scalar, m}, -2, 2, x -> x[0].add(x[1])),
            new Case("sub row", new long[][] {row, m}, -2, 2, x -> x[0].sub(x[1])),
            new Case("sub column", new long[][] {m, col}, -2, 2, x -> x[0].sub(x[1])),
            new Case("mul column", new long[][] {col, m}, -2, 2, x -> x[0].mul(x[1])),
            new Case("div", new long[][] {m, m}, 0.5, 2, x -> x[0].div(x[1])),
            new Case("div by row", new long[][] {m, row}, 0.5, 2, x -> x[0].div(x[1])),
            new Case("div scalar by matrix", new long[][] {scalar, m}, 0.5, 2, x -> x[0].div(x[1])),
            new Case("max with row", new long[][] {m, row}, -2, 2, x -> x[0].max(x[1])),
            new Case("neg", new long[][] {m}, -2, 2, x -> x[0].neg()),
            new Case("exp", new long[][] {m}, -2, 2, x -> x[0].exp()),
            new Case("log", new long[][] {m}, 0.5, 2, x -> x[0].log()),
            new Case("sin", new long[][] {m}, -2, 2, x -> x[0].sin()),
            new Case("cos", new long[][] {m}, -2, 2, x -> x[0].cos()),
            new Case("sqrt", new long[][] {m}, 0.5, 2, x -> x[0].sqrt()),
            new Case("abs", new long[][] {m}, 0.5, 2, x -> x[0].neg().abs()),
            new Case("pow 3", new long[][] {m}, -2, 2, x -> x[0].pow(3)),
            new Case("pow -1.5", new long[][] {m}, 0.5, 2, x -> x[0].pow(-1.5)),
            new Case("matmul", new long[][] {m, {4, 2}}, -2, 2, x -> x[0].matmul(x[1])),
            new Case("transpose", new long[][] {m}, -2, 2, x -> x[0].transpose()),
            new Case("sum", new long[][] {m}, -2, 2, x -> x[0].sum()),
            new Case("sum axis 0", new long[][] {m}, -2, 2, x -> x[0].sum(0)),
            new Case("sum axis 1", new long[][] {m}, -2, 2, x -> x[0].sum(1)),
            new Case("mean", new long[][] {m}, -2, 2, x -> x[0].mean()),
            new Case("mean axis 0", new long[][] {m}, -2, 2, x -> x[0].mean(0)),
            new Case("mean axis 1", new long[][] {m}, -2, 2, x -> x[0].mean(1)),
            new Case("reshape", new long[][] {m}, -2, 2, x -> x[0].reshape(2, 6)),
            new Case("softmax", new long[][] {m}, -2, 2, x -> x[0].softmax()),
            new Case("logSoftmax", new long[][] {m}, -2, 2, x -> x[0].logSoftmax()),
            new Case("crossEntropy", new long[][] {m, m}, 0.1, 1, x -> x[0].softmax().crossEntropy(x[1])),
            new Case("squaredError", new long[][] {m, m}, -2, 2, x -> x[0].squaredError(x[1]))));
        for (Activation f : List.of(Activations.logistic(), Activations.tanh(), Activations.relu(), Activations.leakyRelu(0.01),
                Activations.elu(1.0), Activations.softplus(), Activations.swish(1.5), Activations.gelu(), Activations.geluTanh(),
                Activations.geluSigmoid(), Activations.hardTanh(), Activations.hardLogistic(), Activations.identity())) {
            c.add(new Case(f.spec(), new long[][] {m}, -3, 3, x -> x[0].apply(f)));
        }
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reverseAndForwardModeMatchCentralDifferences(Case c) {
        INDArray[] x = new INDArray[c.shapes.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = Nd4j.rand(D, c.shapes[i]).muli(c.hi - c.lo).addi(c.lo);
        }
        Tape tape = new Tape(D);
        Node[] in = variables(tape, x);
        Node y = c.op.apply(in);
        INDArray weight = Nd4j.randn(D, y.value().shape());
        Node loss = y.mul(tape.constant("R", weight)).sum();
        List<INDArray> grads = tape.gradients(loss, in);

        GradientChecker checker = new GradientChecker();
        for (int i = 0; i < x.length; i++) {
            INDArray xi = x[i];
            GradientChecker.Report r = checker.check(p -> loss(c, x, weight), xi, grads.get(i));
            assertTrue(r.maxRelativeError() < TOLERANCE, c + ", reverse mode, input " + i + ": " + r);

            INDArray v = Nd4j.randn(D, xi.shape());
            Tape forward = new Tape(D);
            Node[] seeded = new Node[x.length];
            for (int k = 0; k < x.length; k++) {
                seeded[k] = k == i ? forward.variable("x" + k, x[k], v) : forward.variable("x" + k, x[k]);
            }
            double jvp = c.op.apply(seeded).tangent().mul(weight).sumNumber().doubleValue();
            double numeric = FiniteDifferences.centralDirectional(p -> loss(c, x, weight), xi, v, 1e-5);
            double rel = Math.abs(jvp - numeric) / Math.max(1e-5, Math.abs(numeric));
            assertTrue(rel < TOLERANCE, c + ", forward mode, input " + i + ": " + jvp + " vs " + numeric);
        }
    }

    private static double loss(Case c, INDArray[] x, INDArray weight) {
        Tape t = new Tape(D);
        return c.op.apply(variables(t, x)).value().mul(weight).sumNumber().doubleValue();
    }

    private static Node[] variables(Tape tape, INDArray[] x) {
        Node[] in = new Node[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = tape.variable("x" + i, x[i]);
        }
        return in;
    }
}
