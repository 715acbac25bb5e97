package org.neuronkit.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuronkit.activation.Activations;
import org.neuronkit.gradcheck.FiniteDifferences;
import org.neuronkit.gradcheck.GradientChecker;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Forward mode (J·v) and reverse mode (uᵀ·J) are two different computations of the same Jacobian: uᵀ(Jv) must match. */
class ForwardReverseTest {
    private static final DataType D = DataType.DOUBLE;

    @BeforeAll
    static void seed() {
        Nd4j.getRandom().setSeed(11);
    }

    @ParameterizedTest(name = "random graph {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void forwardAndReverseModeAgreeOnRandomGraphs(long seed) {
        INDArray[] x = RandomGraph.randomValues();
        INDArray[] v = RandomGraph.randomValues();

        RandomGraph fg = new RandomGraph(new Tape(D), x, v, seed, 14);
        INDArray u = Nd4j.randn(D, fg.output.value().shape());
        double uJv = u.mul(fg.output.tangent()).sumNumber().doubleValue();

        Tape reverse = new Tape(D);
        RandomGraph rg = new RandomGraph(reverse, x, seed, 14);
        reverse.backward(rg.output, u);
        double uJvReverse = 0;
        for (int i = 0; i < x.length; i++) {
            uJvReverse += rg.variables.get(i).grad().mul(v[i]).sumNumber().doubleValue();
        }
        assertEquals(uJv, uJvReverse, 1e-10 * Math.max(1, Math.abs(uJv)), () -> reverse.toString());

        double numeric = FiniteDifferences.centralDirectional(p -> {
            Tape t = new Tape(D);
            return u.mul(new RandomGraph(t, x, seed, 14).output.value()).sumNumber().doubleValue();
        }, x[0], v[0], 1e-5);
        double uJv0 = u.mul(new RandomGraph(new Tape(D), x, onlyFirst(v), seed, 14).output.tangent())
                .sumNumber().doubleValue();
        assertEquals(numeric, uJv0, 1e-6 * Math.max(1, Math.abs(numeric)), "forward mode against central differences");
    }

    @Test
    void contributionsOfAllPathsAreAdded() {
        Tape tape = new Tape(D);
        INDArray x0 = Nd4j.createFromArray(0.5, -1.5, 2.0);
        Node x = tape.variable("x", x0, Nd4j.ones(D, 3));
        Node f = x.mul(x).add(x.sin()).add(x).sum();          // x feeds four operations
        tape.backward(f);
        INDArray expected = x0.mul(2).addi(org.nd4j.linalg.ops.transforms.Transforms.cos(x0)).addi(1);
        assertEquals(expected, x.grad());
        assertEquals(expected.sumNumber().doubleValue(), f.tangent().getDouble(0), 1e-15);
    }

    @Test
    void jacobianByForwardModeEqualsReverseModeAndDifferences() {
        INDArray a = Nd4j.randn(D, 3, 4);
        INDArray x = Nd4j.randn(D, 4, 2);
        UnaryOperator<Node> f = in -> in.graph().constant("A", a).matmul(in).apply(Activations.tanh()).mul(in.sum(0));
        INDArray jf = Jacobian.forwardMode(f, x);
        INDArray jr = Jacobian.reverseMode(f, x);
        assertEquals(6, jf.rows());
        assertEquals(8, jf.columns());
        GradientChecker checker = new GradientChecker();
        assertTrue(checker.compare(jr, jf).maxRelativeError() < 1e-12, checker.compare(jr, jf).toString());
        for (int i = 0; i < 6; i++) {
            int component = i;
            INDArray numeric = FiniteDifferences.centralGradient(
                    p -> f.apply(new Tape(D).variable("x", p)).value().reshape(6).getDouble(component), x, 1e-5);
            GradientChecker.Report r = checker.compare(jr.getRow(i), numeric.reshape(8));
            assertTrue(r.maxRelativeError() < 1e-6, "row " + i + ": " + r);
        }
    }

    private static INDArray[] onlyFirst(INDArray[] v) {
        INDArray[] t = new INDArray[v.length];
        t[0] = v[0];
        for (int i = 1; i < v.length; i++) {
            t[i] = Nd4j.zeros(D, v[i].shape());
        }
        return t;
    }
}
