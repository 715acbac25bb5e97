package org.neuronkit.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neuronkit.gradcheck.FiniteDifferences;
import org.neuronkit.symbolic.Expr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** docs/chapter.md §5 worked example: f(x; w, b) = 1 / (exp(−(wx + b)) + 1) at x = 1, w = 0, b = 0 has ∂f/∂w = ∂f/∂b = 0.25. */
class SpecWorkedExampleTest {
    private static final DataType D = DataType.DOUBLE;

    /** h1 = wx, h2 = h1 + b, h3 = −h2, h4 = exp(h3), h5 = h4 + 1, h6 = 1/h5 */
    private static Node f(Graph g, Node x, Node w, Node b) {
        Node h1 = w.mul(x);
        Node h2 = h1.add(b);
        Node h3 = h2.neg();
        Node h4 = h3.exp();
        Node h5 = h4.add(1);
        return g.constant(1).div(h5);
    }

    @Test
    void reverseModeGivesQuarterForBothParameters() {
        Tape tape = new Tape(D);
        Node w = tape.variable("w", Nd4j.scalar(0.0));
        Node b = tape.variable("b", Nd4j.scalar(0.0));
        Node f = f(tape, tape.constant("x", Nd4j.scalar(1.0)), w, b);
        List<INDArray> g = tape.gradients(f, w, b);
        assertEquals(0.5, f.value().getDouble(0), 0);
        assertEquals(0.25, g.get(0).getDouble(0), 1e-15);
        assertEquals(0.25, g.get(1).getDouble(0), 1e-15);
    }

    @Test
    void forwardModeGivesQuarterAlongEachParameterDirection() {
        for (int direction = 0; direction < 2; direction++) {
            Tape tape = new Tape(D);
            Node w = tape.variable("w", Nd4j.scalar(0.0), Nd4j.scalar(direction == 0 ? 1.0 : 0.0));
            Node b = tape.variable("b", Nd4j.scalar(0.0), Nd4j.scalar(direction == 1 ? 1.0 : 0.0));
            Node f = f(tape, tape.constant("x", Nd4j.scalar(1.0)), w, b);
            assertEquals(0.25, f.tangent().getDouble(0), 1e-15, "direction " + direction);
        }
    }

    @Test
    void printedGraphShowsTheIntermediateValues() {
        Tape tape = new Tape(D);
        Node w = tape.variable("w", Nd4j.scalar(0.0));
        Node b = tape.variable("b", Nd4j.scalar(0.0));
        Node x = tape.constant("x", Nd4j.scalar(1.0));
        tape.backward(f(tape, x, w, b));
        String printed = tape.toString();
        String[] expected = {"h1 = mul(w, x)", "value 0", "h2 = add(h1, b)", "h3 = neg(h2)", "h4 = exp(h3)",
            "h5 = add(h4, 1)", "h6 = div(1, h5)"};
        for (String e : expected) {
            assertTrue(printed.replaceAll(" +", " ").contains(e), () -> "missing '" + e + "' in\n" + printed);
        }
        double[] values = {0, 0, 0, 1, 2, 0.5};
        for (int k = 1; k <= 6; k++) {
            String line = line(printed, "h" + k);
            assertTrue(line.contains("value " + Graph.format(values[k - 1]) + " "), line);
        }
        assertTrue(line(printed, "w").contains("grad 0.25"), printed);
        assertTrue(line(printed, "b").contains("grad 0.25"), printed);
        String dot = tape.toDot();
        assertTrue(dot.startsWith("digraph") && dot.contains("h6\\ndiv(1, h5)\\nvalue 0.5"), dot);
    }

    @Test
    void staticGraphRunsTheSameExampleWithNewInputs() {
        StaticGraph g = new StaticGraph(D);
        Node x = g.placeholder("x");
        Node w = g.variable("w", Nd4j.scalar(0.0));
        Node b = g.variable("b", Nd4j.scalar(0.0));
        Node f = f(g, x, w, b);
        g.compile(f);
        g.run(Map.of(x, Nd4j.scalar(1.0)), Map.of(w, Nd4j.scalar(1.0)));
        assertEquals(0.25, f.tangent().getDouble(0), 1e-15);
        g.backward(f);
        assertEquals(0.25, w.grad().getDouble(0), 1e-15);
        assertEquals(0.25, b.grad().getDouble(0), 1e-15);

        w.value().assign(0.5);
        g.run(Map.of(x, Nd4j.scalar(2.0)));
        g.backward(f);
        double s = 1 / (1 + Math.exp(-1.0));
        assertEquals(s, f.value().getDouble(0), 1e-15);
        assertEquals(s * (1 - s) * 2, w.grad().getDouble(0), 1e-15);
        assertEquals(s * (1 - s), b.grad().getDouble(0), 1e-15);
    }

    @Test
    void symbolicDifferentiationGivesQuarter() {
        Expr f = Expr.parse("1/(exp(-(w*x+b))+1)");
        Map<String, Double> at = Map.of("x", 1.0, "w", 0.0, "b", 0.0);
        assertEquals(0.25, f.derivative("w").evaluate(at), 0);
        assertEquals(0.25, f.derivative("b").evaluate(at), 0);
    }

    @Test
    void centralDifferencesGiveQuarter() {
        INDArray wb = Nd4j.zeros(D, 2);
        INDArray numeric = FiniteDifferences.centralGradient(p -> {
            Tape t = new Tape(D);
            Node w = t.variable("w", p.get(NDArrayIndex.point(0)));
            Node b = t.variable("b", p.get(NDArrayIndex.point(1)));
            return f(t, t.constant("x", Nd4j.scalar(1.0)), w, b).value().getDouble(0);
        }, wb, 1e-5);
        assertEquals(0.25, numeric.getDouble(0), 1e-10);
        assertEquals(0.25, numeric.getDouble(1), 1e-10);
    }

    private static String line(String printed, String name) {
        return printed.lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow();
    }
}
