package org.neuronkit.cuda13;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;
import org.neuronkit.cuda13.engine.Buffer;
import org.neuronkit.cuda13.engine.HiddenActivation;
import org.neuronkit.cuda13.engine.OptimizerSpec;
import org.neuronkit.cuda13.engine.Ops;
import org.neuronkit.loss.Loss;
import org.neuronkit.loss.Losses;
import org.neuronkit.optim.Adam;
import org.neuronkit.optim.Momentum;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.optim.Sgd;

/**
 * Each kernel of an {@link Ops} against nn-core's own activations, loss and optimizers (and ND4J's sums and
 * gathers) on ND4J's CPU backend, on random float data, within 1e-5 relative to max(1, |value|) unless a
 * check says otherwise. {@link ReferenceKernelsTest} runs it on the engine's Java twin of the kernels,
 * {@link HostKernelsTest} on kernels.cu itself, compiled for the host.
 */
abstract class KernelsAgainstNnCore {
    private static final int ROWS = 7;
    private static final int COLS = 13;
    private final Random random = new Random(11);
    private final Ops ops = newOps();

    /** The implementation under test. */
    abstract Ops newOps();

    private float[] randomValues(int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }

    private Buffer buffer(float[] values) {
        Buffer b = ops.floats(values.length);
        ops.upload(values, b);
        return b;
    }

    private float[] read(Buffer b) {
        float[] out = new float[(int) b.length()];
        ops.download(b, out);
        return out;
    }

    private static INDArray matrix(float[] values) {
        return Nd4j.create(values, new long[] {ROWS, COLS}, 'c').castTo(DataType.FLOAT);
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1, Math.abs(expected[i]));
            assertTrue(Math.abs(expected[i] - actual[i]) <= tolerance * scale,
                    what + " at " + i + ": nn-core " + expected[i] + ", reference " + actual[i]);
        }
    }

    /** Every registry example the kernels serve: the engine's Java twin of the generated kernels against nn-core's CPU code. */
    @Test
    void everyHiddenActivationAndItsDerivativeMatchNnCore() {
        List<String> served = Activations.REGISTRY.examples().stream()
                .filter(spec -> KernelActivations.refusal(Activations.parse(spec)).isEmpty()).toList();
        assertEquals(Activations.REGISTRY.names().size() - 1, served.stream().map(s -> Activations.parse(s).formula().orElseThrow().name())
                .distinct().count(), "every entry but softmax: " + served);
        for (String spec : served) {
            float[] z = randomValues(ROWS * COLS, 3);
            float[] upstream = randomValues(ROWS * COLS, 1);
            Activation nnCore = Activations.parse(spec);
            INDArray zArray = matrix(z);
            INDArray a = zArray.ulike();
            nnCore.forward(zArray, a);
            INDArray dLdz = zArray.ulike();
            nnCore.backward(zArray, a, matrix(upstream), dLdz);

            HiddenActivation f = HiddenActivation.parse(spec);
            Buffer zb = buffer(z.clone());
            Buffer ab = ops.floats(z.length);
            ops.biasActivation(f, zb, ops.floats(COLS), ab, ROWS, COLS);
            Buffer delta = ops.floats(z.length);
            ops.activationBackward(f, zb, ab, buffer(upstream), delta, z.length);
            assertClose(a.data().asFloat(), read(ab), 1e-5, spec + " value");
            assertClose(dLdz.data().asFloat(), read(delta), 1e-5, spec + " derivative");
        }
    }

    @Test
    void biasIsAddedToEveryRowBeforeTheActivation() {
        float[] z = randomValues(ROWS * COLS, 1);
        float[] b = randomValues(COLS, 1);
        Buffer zb = buffer(z.clone());
        Buffer ab = ops.floats(z.length);
        ops.biasActivation(HiddenActivation.parse("relu"), zb, buffer(b), ab, ROWS, COLS);
        float[] out = read(ab);
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                assertEquals(Math.max(0f, z[r * COLS + c] + b[c]), out[r * COLS + c], 0f);
            }
        }
    }

    @Test
    void softmaxCrossEntropyValueAndDeltaMatchNnCore() {
        float[] z = randomValues(ROWS * COLS, 4);
        z[5] = 80f; // large logits stay finite
        int[] labels = new int[ROWS];
        INDArray y = Nd4j.zeros(DataType.FLOAT, ROWS, COLS);
        for (int r = 0; r < ROWS; r++) {
            labels[r] = random.nextInt(COLS);
            y.putScalar(r, labels[r], 1);
        }
        Loss loss = Losses.softmaxCrossEntropy();
        INDArray zArray = matrix(z);
        INDArray yHat = zArray.ulike();
        loss.outputActivation().forward(zArray, yHat);
        double value = loss.value(zArray, yHat, y);
        INDArray delta = zArray.ulike();
        loss.delta(zArray, yHat, y, delta);

        Buffer labelBuffer = ops.ints(ROWS);
        ops.upload(labels, labelBuffer);
        Buffer sums = ops.floats(1);
        Buffer counts = ops.ints(2);
        Buffer deltaBuffer = ops.floats(z.length);
        ops.softmaxCrossEntropy(buffer(z), labelBuffer, deltaBuffer, ROWS, COLS, sums, counts);
        assertEquals(value, read(sums)[0] / ROWS, 1e-5 * Math.max(1, value));
        assertClose(delta.data().asFloat(), read(deltaBuffer), 1e-6, "δ = (p − y)/N");
        int[] count = new int[2];
        ops.download(counts, count);
        int correct = 0;
        int[] predicted = Nd4j.argMax(zArray, 1).toIntVector();
        for (int r = 0; r < ROWS; r++) {
            correct += predicted[r] == labels[r] ? 1 : 0;
        }
        assertEquals(correct, count[0]);
        assertEquals(0, count[1]);
    }

    @Test
    void sgdMomentumAndAdamStepsMatchNnCoreOverThreeUpdates() {
        for (Optimizer nnCore : List.of(new Sgd(0.05), new Momentum(0.05, 0.9), new Adam(0.01))) {
            int n = 50;
            float[] p = randomValues(n, 1);
            INDArray params = Nd4j.create(p.clone(), new long[] {n}).castTo(DataType.FLOAT);
            OptimizerSpec spec = OptimizerSpec.parse(nnCore.spec());
            Buffer pb = buffer(p.clone());
            Buffer first = ops.floats(n);
            Buffer second = ops.floats(n);
            Buffer bad = ops.ints(1);
            ops.upload(new int[] {Ops.NO_BAD_STEP}, bad);
            for (int t = 1; t <= 3; t++) {
                float[] g = randomValues(n, 0.5);
                nnCore.step(params, Nd4j.create(g.clone(), new long[] {n}).castTo(DataType.FLOAT));
                Buffer gb = buffer(g);
                switch (spec.kind()) {
                    case SGD -> ops.sgd(pb, gb, (float) spec.learningRate(), n, bad);
                    case MOMENTUM -> ops.momentum(pb, gb, first, (float) spec.learningRate(), (float) spec.momentum(), n, bad);
                    case ADAM -> ops.adam(pb, gb, first, second, (float) spec.adamRate(t), (float) spec.beta1(), (float) spec.beta2(),
                            (float) spec.epsilon(), n, bad);
                }
            }
            assertClose(params.data().asFloat(), read(pb), 2e-6, nnCore.spec());
        }
    }

    @Test
    void columnSumsMatchNd4j() {
        float[] delta = randomValues(ROWS * COLS, 2);
        Buffer db = ops.floats(COLS);
        ops.columnSums(buffer(delta), db, ROWS, COLS);
        assertClose(matrix(delta).sum(0).data().asFloat(), read(db), 1e-6, "Σ_r δ[r, c]");
    }

    @Test
    void l2PenaltyAddsLambdaWToTheGradientAndItsHalfSumOfSquaresToTheSum() {
        int n = 300;
        float[] w = randomValues(n, 1);
        float[] g = randomValues(n, 1);
        float lambda = 0.03f;
        INDArray wArray = Nd4j.create(w.clone(), new long[] {n}).castTo(DataType.FLOAT);
        INDArray expected = Nd4j.create(g.clone(), new long[] {n}).castTo(DataType.FLOAT).addi(wArray.mul(lambda));
        Buffer gb = buffer(g);
        Buffer sums = ops.floats(1);
        ops.l2Penalty(buffer(w), gb, lambda, n, sums, 0.25f);
        assertClose(expected.data().asFloat(), read(gb), 1e-6, "g + λw");
        double penalty = 0.5 * lambda * wArray.mul(wArray).sumNumber().doubleValue() * 0.25;
        assertEquals(penalty, read(sums)[0], 1e-5 * penalty);
    }

    @Test
    void finiteCheckKeepsTheFirstBadStep() {
        Buffer bad = ops.ints(1);
        ops.upload(new int[] {Ops.NO_BAD_STEP}, bad);
        Buffer counts = ops.ints(2);
        float[] g = randomValues(200, 1);
        ops.finiteCheck(buffer(g), g.length, counts, 3, bad);
        int[] found = new int[1];
        ops.download(bad, found);
        assertEquals(Ops.NO_BAD_STEP, found[0], "all finite");
        g[123] = Float.NaN;
        ops.finiteCheck(buffer(g), g.length, counts, 5, bad);
        g[123] = 1f;
        ops.upload(new int[] {0, 1}, counts);
        ops.finiteCheck(buffer(g), g.length, counts, 4, bad);
        ops.download(bad, found);
        assertEquals(4, found[0], "a NaN at step 5, a non-finite loss at step 4: the first is kept");
    }

    @Test
    void gatherRowsMatchesNd4j() {
        float[] x = randomValues(ROWS * COLS, 1);
        int[] labels = {3, 1, 4, 1, 5, 9, 2};
        int[] index = {6, 0, 2, 2, 5};
        Buffer xb = buffer(x);
        Buffer lb = ops.ints(ROWS);
        ops.upload(labels, lb);
        Buffer ib = ops.ints(index.length);
        ops.upload(index, ib);
        Buffer out = ops.floats((long) index.length * COLS);
        Buffer labelsOut = ops.ints(index.length);
        ops.gatherRows(xb, lb, ib, out, labelsOut, index.length, COLS);
        assertClose(matrix(x).getRows(index).data().asFloat(), read(out), 0, "x[index[r], :]");
        int[] gathered = new int[index.length];
        ops.download(labelsOut, gathered);
        assertEquals(java.util.Arrays.toString(new int[] {2, 3, 4, 4, 9}), java.util.Arrays.toString(gathered));
    }
}
