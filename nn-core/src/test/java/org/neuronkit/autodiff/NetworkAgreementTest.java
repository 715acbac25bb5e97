package org.neuronkit.autodiff;

import org.neuronkit.testing.RandomTargets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuronkit.activation.Activations;
import org.neuronkit.gradcheck.GradientChecker;
import org.neuronkit.layer.Dense;
import org.neuronkit.layer.Layer;
import org.neuronkit.layer.Maxout;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Three independent computations of ∂R/∂θ for random networks (docs/chapter.md §3 structural risk) agree in
 * double precision: the hand-written backpropagation {@link Network#computeGradient}, reverse mode
 * over a graph of the same computation written with the graph's operations, and central differences.
 */
class NetworkAgreementTest {
    private static final DataType D = DataType.DOUBLE;

    @BeforeAll
    static void seed() {
        Nd4j.getRandom().setSeed(13);
    }

    static Stream<Arguments> networks() {
        return Stream.of(
                net("output only, softmax + CE", b -> b.output(3, Losses.softmaxCrossEntropy())),
                net("tanh → softmax + CE", b -> b.dense(6, Activations.tanh()).output(3, Losses.softmaxCrossEntropy())),
                net("relu → maxout → elu → logistic + BCE", b -> b.dense(7, Activations.relu()).maxout(5, 3)
                        .dense(4, Activations.elu(1.0)).output(2, Losses.logisticCrossEntropy())),
                net("logistic → gelu → softplus → squared error", b -> b.dense(6, Activations.logistic())
                        .dense(5, Activations.gelu()).dense(5, Activations.softplus()).output(2, Losses.squaredError())),
                net("maxout → maxout → leaky → logistic squared error", b -> b.maxout(5, 2).maxout(4, 3)
                        .dense(4, Activations.leakyRelu(0.1)).output(2, Losses.squaredError(Activations.logistic()))),
                net("gelu-tanh → hard-tanh → swish → softmax + CE", b -> b.dense(6, Activations.geluTanh())
                        .dense(6, Activations.hardTanh()).dense(5, Activations.swish(1.0)).output(4, Losses.softmaxCrossEntropy())));
    }

    private static Arguments net(String name, UnaryOperator<NetworkBuilder> layers) {
        return Arguments.of(name, layers);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void backpropReverseModeAndCentralDifferencesAgree(String name, UnaryOperator<NetworkBuilder> layers) {
        Network network = layers.apply(Network.builder(4).dataType(D).l2(0.05).seed(3)).build();
        Nd4j.getRandom().setSeed(19);   // inputs independent of which tests ran before
        network.parameters().addi(Nd4j.randn(D, network.parameterCount()).muli(0.3));
        INDArray x = Nd4j.rand(D, 7, 4).subi(0.5).muli(4);
        INDArray y = RandomTargets.of(network, new Random(5), 7);

        double risk = network.computeGradient(x, y);
        INDArray backprop = network.gradients().dup();

        Tape tape = new Tape(D);
        List<Node> parameters = new ArrayList<>();
        Node r = riskGraph(tape, network, x, y, parameters);
        tape.backward(r);
        assertEquals(risk, r.value().getDouble(0), 1e-12 * Math.max(1, risk));
        INDArray reverse = flatten(network, parameters);

        GradientChecker checker = new GradientChecker();
        GradientChecker.Report vsBackprop = checker.compare(reverse, backprop);
        assertTrue(vsBackprop.maxRelativeError() < 1e-10, name + ", reverse mode vs backprop: " + vsBackprop);
        GradientChecker.Report vsNumeric = checker.check(p -> network.risk(x, y), network.parameters(), reverse);
        assertTrue(vsNumeric.maxRelativeError() < 1e-6, name + ", reverse mode vs central differences: " + vsNumeric);
    }

    /**
     * R = mean loss + λ/2 Σ‖W‖² as a graph. Variables are the layers' own parameter views: Dense
     * Z = A Wᵀ + b, A' = f(Z); Maxout piece k uses rows k·M … (k+1)·M − 1 of W and b, A' = max_k Z_k.
     */
    private static Node riskGraph(Tape t, Network network, INDArray x, INDArray y, List<Node> parameters) {
        Node a = t.constant("x", x);
        Node penalty = t.constant(0);
        for (Layer layer : network.layers()) {
            if (layer instanceof Maxout m) {
                long units = m.outputSize();
                long in = m.inputSize();
                Node max = null;
                for (int k = 0; k < m.pieces(); k++) {
                    // piece k: rows k·M … (k+1)·M − 1, contiguous in the flat buffer (INDArray.get on these
                    // offset views returned an empty array in ND4J 1.0.0-M2.1, so slice the flat buffer)
                    Node w = t.variable("W" + k, slice(network, m.weights(), k * units * in, units, in));
                    Node b = t.variable("b" + k, slice(network, m.bias(), k * units, 1, units));
                    parameters.add(w);
                    parameters.add(b);
                    penalty = penalty.add(w.mul(w).sum());
                    Node z = a.matmul(w.transpose()).add(b);
                    max = max == null ? z : max.max(z);
                }
                a = max;
            } else {
                Dense d = (Dense) layer;
                Node w = t.variable("W", d.weights());
                Node b = t.variable("b", d.bias());
                parameters.add(w);
                parameters.add(b);
                penalty = penalty.add(w.mul(w).sum());
                a = a.matmul(w.transpose()).add(b).apply(d.activation());
            }
        }
        Node target = t.constant("y", y);
        String loss = network.loss().spec();
        Node mean;
        if (loss.startsWith("softmax")) {
            mean = a.crossEntropy(target);
        } else if (loss.startsWith("logistic")) {
            Node sum = target.mul(a.log()).add(target.neg().add(1).mul(a.neg().add(1).log())).sum();
            mean = sum.div(-x.rows());
        } else {
            mean = a.squaredError(target);
        }
        return mean.add(penalty.mul(network.l2() / 2)).named("R");
    }

    /** The parameter variables' gradients laid out like {@link Network#parameters()}: each variable is a view at some offset of it. */
    private static INDArray flatten(Network network, List<Node> parameters) {
        INDArray flat = Nd4j.zeros(D, network.parameterCount());
        long base = network.parameters().offset();
        for (Node p : parameters) {
            long start = p.value().offset() - base;
            INDArray slot = flat.get(NDArrayIndex.interval(start, start + p.value().length())).reshape(p.value().shape());
            assertEquals(p.value(), network.parameters().get(NDArrayIndex.interval(start, start + p.value().length()))
                    .reshape(p.value().shape()), "parameter view " + p.name() + " is contiguous at offset " + start);
            slot.assign(p.grad());
        }
        return flat;
    }

    /** The contiguous piece of {@code view} starting {@code skip} elements in, as a view of the flat parameter buffer. */
    private static INDArray slice(Network network, INDArray view, long skip, long... shape) {
        long start = view.offset() - network.parameters().offset() + skip;
        long length = shape[0] * shape[1];
        return network.parameters().get(NDArrayIndex.interval(start, start + length)).reshape('c', shape);
    }

}
