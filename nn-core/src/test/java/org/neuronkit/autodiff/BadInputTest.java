package org.neuronkit.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BadInputTest {
    private static final DataType D = DataType.DOUBLE;

    @Test
    void elementWiseShapeMismatchNamesBothShapesAndTheOperation() {
        Tape t = new Tape(D);
        Node a = t.variable("a", Nd4j.ones(D, 3, 4));
        Node b = t.variable("b", Nd4j.ones(D, 2, 4));
        DataException e = assertThrows(DataException.class, () -> a.add(b));
        assertEquals("add: shapes [3, 4] and [2, 4] do not broadcast (dimension 3 against 2)", e.getMessage());
        assertEquals(2, t.nodes().size(), "the failed operation is not left on the tape");
        assertEquals("h1", a.exp().name());
    }

    @Test
    void matmulMismatchNamesBothShapes() {
        Tape t = new Tape(D);
        Node a = t.variable("a", Nd4j.ones(D, 3, 4));
        DataException e = assertThrows(DataException.class, () -> a.matmul(a));
        assertEquals("matmul: shapes [3, 4] and [3, 4] do not multiply (need N×K and K×M)", e.getMessage());
    }

    @Test
    void lossShapeMismatchAndBadAxisAndReshapeAreNamed() {
        Tape t = new Tape(D);
        Node p = t.variable("p", Nd4j.ones(D, 3, 4));
        Node y = t.constant("y", Nd4j.ones(D, 3, 5));
        assertTrue(assertThrows(DataException.class, () -> p.crossEntropy(y)).getMessage()
                .startsWith("crossEntropy: shapes [3, 4] and [3, 5] differ"));
        assertEquals("sum(axis 2): axis 2 is outside shape [3, 4]",
                assertThrows(DataException.class, () -> p.sum(2)).getMessage());
        assertEquals("reshape[5, 2]: shapes [3, 4] and [5, 2] have different numbers of elements",
                assertThrows(DataException.class, () -> p.reshape(5, 2)).getMessage());
    }

    @Test
    void staticGraphReportsShapeMismatchAtRunWithTheOperation() {
        StaticGraph g = new StaticGraph(D);
        Node x = g.placeholder("x");
        Node w = g.variable("w", Nd4j.ones(D, 4, 2));
        g.compile(x.matmul(w));
        g.run(Map.of(x, Nd4j.ones(D, 5, 4)));
        DataException e = assertThrows(DataException.class, () -> g.run(Map.of(x, Nd4j.ones(D, 5, 3))));
        assertTrue(e.getMessage().contains("matmul: shapes [5, 3] and [4, 2]"), e.getMessage());
        assertEquals("placeholder 'x' was not fed", assertThrows(DataException.class, () -> g.run(Map.of())).getMessage());
    }

    @Test
    void reverseModeOfANonScalarOutputWithoutSeedSaysSo() {
        Tape t = new Tape(D);
        Node y = t.variable("a", Nd4j.ones(D, 3, 4)).exp();
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> t.backward(y));
        assertEquals("reverse mode needs a scalar output or a seed: output h1 has shape [3, 4];"
                + " call backward(output, seed) with a seed ∂L/∂output of that shape", e.getMessage());
        DataException s = assertThrows(DataException.class, () -> t.backward(y, Nd4j.ones(D, 4, 3)));
        assertTrue(s.getMessage().contains("[4, 3] and [3, 4]"), s.getMessage());
    }

    @Test
    void aVariableThatDoesNotInfluenceTheOutputGetsZeroGradient() {
        Tape t = new Tape(D);
        Node used = t.variable("used", Nd4j.rand(D, 2, 3));
        Node unused = t.variable("unused", Nd4j.rand(D, 3, 1));
        Node sideBranch = unused.exp();
        Node loss = used.mul(used).sum();
        List<INDArray> g = t.gradients(loss, used, unused);
        assertEquals(used.value().mul(2), g.get(0));
        assertEquals(Nd4j.zeros(D, 3, 1), g.get(1));
        assertEquals(Nd4j.zeros(D, 3, 1), unused.grad());
        assertTrue(sideBranch.grad() == null, "nodes outside the output's graph are not visited");

        Node constantOnly = t.constant("c", Nd4j.ones(D, 2)).exp().sum();
        assertEquals(Nd4j.zeros(D, 2, 3), t.gradients(constantOnly, used).get(0), "an output of constants alone");
    }

    @Test
    void nodesOfAnotherGraphAndWrongTypesAreRejected() {
        Tape one = new Tape(D);
        Tape two = new Tape(D);
        Node a = one.variable("a", Nd4j.ones(D, 2));
        Node b = two.variable("b", Nd4j.ones(D, 2));
        assertEquals("node b belongs to another graph", assertThrows(ConfigurationException.class, () -> a.add(b)).getMessage());
        assertEquals("'f' is FLOAT but the graph computes in DOUBLE",
                assertThrows(DataException.class, () -> one.variable("f", Nd4j.ones(DataType.FLOAT, 2))).getMessage());
    }

    @Test
    void staticGraphIsFixedOnceCompiled() {
        StaticGraph g = new StaticGraph(D);
        Node x = g.placeholder("x");
        Node y = x.exp();
        assertThrows(ConfigurationException.class, () -> g.run(Map.of(x, Nd4j.ones(D, 2))));
        g.compile(y);
        assertThrows(ConfigurationException.class, () -> y.log());
        assertThrows(ConfigurationException.class, () -> g.placeholder("z"));
    }
}
