package org.neuronkit.cuda13;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;
import org.neuronkit.cuda13.api.UpdateRule;
import org.neuronkit.cuda13.engine.Buffer;
import org.neuronkit.cuda13.engine.HiddenActivation;
import org.neuronkit.cuda13.engine.Ops;
import org.neuronkit.cuda13.engine.OutputLoss;
import org.neuronkit.cuda13.engine.UpdateKind;
import org.neuronkit.loss.Loss;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.AdaGrad;
import org.neuronkit.optim.Adam;
import org.neuronkit.optim.AdamW;
import org.neuronkit.optim.Momentum;
import org.neuronkit.optim.Nesterov;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.optim.RmsProp;
import org.neuronkit.optim.Sgd;
import org.neuronkit.train.GradientClipping;

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

    private int[] randomLabels(int classes) {
        int[] labels = new int[ROWS];
        for (int r = 0; r < ROWS; r++) {
            labels[r] = random.nextInt(classes);
        }
        return labels;
    }

    private static INDArray oneHot(int[] labels, int classes) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, ROWS, classes);
        for (int r = 0; r < ROWS; r++) {
            y.putScalar(r, labels[r], 1);
        }
        return y;
    }

    private Buffer ints(int[] values) {
        Buffer b = ops.ints(values.length);
        ops.upload(values, b);
        return b;
    }

    /** nn-core's value and δ of {@code loss} on logits z and targets y: {value, δ…}. */
    private static float[] nnCore(Loss loss, float[] z, INDArray y, int cols) {
        INDArray zArray = Nd4j.create(z, new long[] {ROWS, cols}, 'c').castTo(DataType.FLOAT);
        INDArray yHat = zArray.ulike();
        loss.outputActivation().forward(zArray, yHat);
        INDArray delta = zArray.ulike();
        loss.delta(zArray, yHat, y, delta);
        float[] out = new float[1 + ROWS * cols];
        out[0] = (float) loss.value(zArray, yHat, y);
        System.arraycopy(delta.data().asFloat(), 0, out, 1, ROWS * cols);
        return out;
    }

    private void assertLossMatches(float[] expected, Buffer sums, Buffer delta, String what) {
        assertEquals(expected[0], read(sums)[0] / ROWS, 1e-5 * Math.max(1, Math.abs(expected[0])), what + " value");
        assertClose(java.util.Arrays.copyOfRange(expected, 1, expected.length), read(delta), 1e-6, what + " δ");
    }

    @Test
    void softmaxCrossEntropyValueAndDeltaMatchNnCoreWithAndWithoutClassWeights() {
        for (float[] weights : new float[][] {null, {1, 2, 0.5f, 1, 1, 3, 1, 1, 0.2f, 1, 1, 1, 1}}) {
            float[] z = randomValues(ROWS * COLS, 4);
            z[5] = 80f; // large logits stay finite
            int[] labels = randomLabels(COLS);
            Loss loss = weights == null ? Losses.softmaxCrossEntropy() : Losses.parse("softmax-cross-entropy(" + join(weights) + ")");
            float[] expected = nnCore(loss, z, oneHot(labels, COLS), COLS);
            Buffer sums = ops.floats(1);
            Buffer counts = ops.ints(2);
            Buffer delta = ops.floats(z.length);
            ops.softmaxCrossEntropy(buffer(z), ints(labels), weights == null ? null : buffer(weights), delta, ROWS, COLS, sums, counts);
            assertLossMatches(expected, sums, delta, loss.spec());
            int[] count = new int[2];
            ops.download(counts, count);
            int correct = 0;
            int[] predicted = Nd4j.argMax(Nd4j.create(z, new long[] {ROWS, COLS}, 'c'), 1).toIntVector();
            for (int r = 0; r < ROWS; r++) {
                correct += predicted[r] == labels[r] ? 1 : 0;
            }
            assertEquals(correct, count[0]);
            assertEquals(0, count[1]);
        }
    }

    private static String join(float[] values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ",").append(values[i]);
        }
        return text.toString();
    }

    @Test
    void logisticCrossEntropyValueAndDeltaMatchNnCore() {
        int cols = 4;
        float[] weights = {1, 3, 0.5f, 2};
        for (boolean weighted : new boolean[] {false, true}) {
            Loss loss = weighted ? Losses.parse("logistic-cross-entropy(" + join(weights) + ")") : Losses.logisticCrossEntropy();
            float[] z = randomValues(ROWS * cols, 4);
            int[] labels = randomLabels(cols);
            float[] expected = nnCore(loss, z, oneHot(labels, cols), cols);
            Buffer sums = ops.floats(1);
            Buffer delta = ops.floats(z.length);
            ops.logisticCrossEntropy(buffer(z), ints(labels), weighted ? buffer(weights) : null, delta, ROWS, cols, sums, ops.ints(2));
            assertLossMatches(expected, sums, delta, loss.spec());
        }
    }

    @Test
    void residualLossesMatchNnCoreAfterTheirOutputActivation() {
        int cols = 3;
        Map<String, OutputLoss> cases = Map.of("squared-error", OutputLoss.SQUARED_ERROR, "squared-error(tanh)", OutputLoss.SQUARED_ERROR,
                "huber(0.5)", OutputLoss.HUBER, "huber(0.5,logistic)", OutputLoss.HUBER, "mae", OutputLoss.MAE, "mae(tanh)", OutputLoss.MAE);
        for (Map.Entry<String, OutputLoss> entry : cases.entrySet()) {
            String spec = entry.getKey();
            Loss loss = Losses.parse(spec);
            float[] z = randomValues(ROWS * cols, 1.5);
            float[] y = randomValues(ROWS * cols, 1);
            float[] expected = nnCore(loss, z, Nd4j.create(y, new long[] {ROWS, cols}, 'c').castTo(DataType.FLOAT), cols);
            OutputLoss kind = entry.getValue();
            HiddenActivation output = HiddenActivation.parse(loss.outputActivation().spec());
            Buffer sums = ops.floats(1);
            Buffer delta = ops.floats(z.length);
            ops.residualLoss(kind, 0.5f, output, buffer(z), buffer(y), delta, ROWS, cols, sums, ops.ints(2));
            assertLossMatches(expected, sums, delta, spec);
        }
    }

    @Test
    void l1AndL2PenaltyMatchNnCoresStructuralRisk() {
        Network network = Network.builder(COLS).dense(5, Activations.tanh()).output(3, Losses.softmaxCrossEntropy()).l1(1e-2).l2(1e-3).seed(4)
                .dataType(DataType.FLOAT).build();
        float[] parameters = FixtureTest.engineLayout(network);
        int weights = COLS * 5 + 5 * 3;
        INDArray x = Nd4j.create(randomValues(ROWS * COLS, 1), new long[] {ROWS, COLS}, 'c').castTo(DataType.FLOAT);
        INDArray y = oneHot(randomLabels(3), 3);
        double withPenalty = network.computeGradient(x, y);
        float[] gradient = network.gradients().dup().data().asFloat();
        Network plain = Network.builder(COLS).dense(5, Activations.tanh()).output(3, Losses.softmaxCrossEntropy()).seed(4).dataType(DataType.FLOAT).build();
        double withoutPenalty = plain.computeGradient(x, y);
        float[] plainGradient = plain.gradients().dup().data().asFloat();

        Buffer grad = buffer(new float[weights]);
        Buffer sums = ops.floats(1);
        ops.penalty(buffer(parameters), grad, 1e-2f, 1e-3f, weights, sums, 1f);
        assertEquals(withPenalty - withoutPenalty, read(sums)[0], 1e-6, "λ₁Σ|W| + (λ₂/2)Σ‖W‖²");
        float[] expected = new float[weights];
        for (int i = 0; i < weights; i++) {
            expected[i] = gradient[i] - plainGradient[i];
        }
        assertClose(expected, read(grad), 1e-6, "λ₂W + λ₁ sign(W)");
    }

    /** Each registry optimizer's rule, with the hyper-parameters given to nn-core's constructor. */
    private static final Map<String, Double> HYPER = Map.of("mu", 0.8, "beta1", 0.85, "beta2", 0.99, "eps", 1e-6, "wd", 0.05, "rho", 0.7);

    private static Optimizer nnCoreOptimizer(UpdateKind kind, double lr) {
        return switch (kind) {
            case SGD -> new Sgd(lr);
            case MOMENTUM -> new Momentum(lr, HYPER.get("mu"));
            case NESTEROV -> new Nesterov(lr, HYPER.get("mu"));
            case ADAM -> new Adam(lr, HYPER.get("beta1"), HYPER.get("beta2"), HYPER.get("eps"));
            case ADAMW -> new AdamW(lr, HYPER.get("beta1"), HYPER.get("beta2"), HYPER.get("eps"), HYPER.get("wd"));
            case RMSPROP -> new RmsProp(lr, HYPER.get("rho"), HYPER.get("eps"));
            case ADAGRAD -> new AdaGrad(lr, HYPER.get("eps"));
        };
    }

    @Test
    void everyOptimizerKernelMatchesNnCoreOverThreeUpdatesAtChangingRates() {
        float[] rates = {0.05f, 0.02f, 0.01f};
        for (UpdateKind kind : UpdateKind.values()) {
            int n = 50;
            int weightCount = 30;
            float[] p = randomValues(n, 1);
            INDArray params = Nd4j.create(p.clone(), new long[] {n}).castTo(DataType.FLOAT);
            Optimizer nnCore = nnCoreOptimizer(kind, rates[0]);
            nnCore.setWeightCount(weightCount);
            UpdateKind.Update rule = UpdateKind.Update.of(new UpdateRule(kind.registryName(), HYPER, weightCount));
            Buffer pb = buffer(p.clone());
            Buffer first = ops.floats(n);
            Buffer second = ops.floats(n);
            Buffer clock = ops.ints(2);
            Buffer bad = ints(new int[] {Ops.NO_BAD_STEP});
            Buffer rateBuffer = buffer(rates);
            for (int t = 0; t < 3; t++) {
                float[] g = randomValues(n, 0.5);
                nnCore.setLearningRate(rates[t]);
                nnCore.step(params, Nd4j.create(g.clone(), new long[] {n}).castTo(DataType.FLOAT));
                ops.beginStep(clock, ops.floats(1));
                ops.update(rule, pb, buffer(g), first, second, rateBuffer, clock, n, bad);
            }
            assertClose(params.data().asFloat(), read(pb), 2e-6, kind.registryName());
        }
    }
    /** A step clock at step {@code step} of an epoch (clock[0], Adam's t, at 9). */
    private Buffer clock(int step) {
        return ints(new int[] {9, step});
    }

    @Test
    void clippingByValueThenByNormMatchesNnCoresGradientClipping() {
        for (GradientClipping clipping : List.of(GradientClipping.byValue(0.4), GradientClipping.byNorm(2.0), GradientClipping.byValue(0.7).andNorm(1.5))) {
            float[] g = randomValues(200, 1);
            INDArray expected = Nd4j.create(g.clone(), new long[] {g.length}).castTo(DataType.FLOAT);
            clipping.apply(expected);
            Buffer gb = buffer(g);
            Buffer norm = buffer(new float[1]);
            ops.clipByValue(gb, g.length, (float) clipping.maxValue(), norm);
            if (clipping.maxNorm() < Double.POSITIVE_INFINITY) {
                ops.clipByNorm(gb, g.length, (float) clipping.maxNorm(), norm);
            }
            assertClose(expected.data().asFloat(), read(gb), 1e-6, "clipped by value " + clipping.maxValue() + ", norm " + clipping.maxNorm());
        }
    }

    @Test
    void theClockCountsStepsAndTheFirstStepsRiskIsNoted() {
        Buffer clock = ints(new int[] {41, 0});
        Buffer norm = buffer(new float[] {5});
        Buffer first = buffer(new float[] {Float.NaN});
        Buffer sums = buffer(new float[] {12});
        ops.beginStep(clock, norm);
        ops.noteFirstRisk(sums, clock, 4, first);
        ops.beginStep(clock, norm);
        ops.noteFirstRisk(buffer(new float[] {100}), clock, 4, first);
        int[] ticks = new int[2];
        ops.download(clock, ticks);
        assertEquals("[43, 2]", java.util.Arrays.toString(ticks), "t and the step within the epoch");
        assertEquals(0f, read(norm)[0], "the step's squared norm restarts at 0");
        assertEquals(3f, read(first)[0], "the risk of step 1 only: 12 / 4");
    }

    @Test
    void columnSumsMatchNd4j() {
        float[] delta = randomValues(ROWS * COLS, 2);
        Buffer db = ops.floats(COLS);
        ops.columnSums(buffer(delta), db, ROWS, COLS);
        assertClose(matrix(delta).sum(0).data().asFloat(), read(db), 1e-6, "Σ_r δ[r, c]");
    }

    @Test
    void finiteCheckKeepsTheFirstBadStep() {
        Buffer bad = ops.ints(1);
        ops.upload(new int[] {Ops.NO_BAD_STEP}, bad);
        Buffer counts = ops.ints(2);
        float[] g = randomValues(200, 1);
        ops.finiteCheck(buffer(g), g.length, counts, clock(3), bad);
        int[] found = new int[1];
        ops.download(bad, found);
        assertEquals(Ops.NO_BAD_STEP, found[0], "all finite");
        g[123] = Float.NaN;
        ops.finiteCheck(buffer(g), g.length, counts, clock(5), bad);
        g[123] = 1f;
        ops.upload(new int[] {0, 1}, counts);
        ops.finiteCheck(buffer(g), g.length, counts, clock(4), bad);
        ops.download(bad, found);
        assertEquals(4, found[0], "a NaN at step 5, a non-finite loss at step 4: the first is kept");
    }

    @Test
    void gatherRowsMatchesNd4j() {
        float[] x = randomValues(ROWS * COLS, 1);
        int[] labels = {3, 1, 4, 1, 5, 9, 2};
        int[] index = {1, 1, 1, 6, 0, 2, 2, 5}; // step 2 of batches of 3 (the clock's): the rows index[3 …]
        Buffer xb = buffer(x);
        Buffer lb = ops.ints(ROWS);
        ops.upload(labels, lb);
        Buffer ib = ops.ints(index.length);
        ops.upload(index, ib);
        int[] rows = {6, 0, 2, 2, 5};
        Buffer out = ops.floats((long) rows.length * COLS);
        Buffer labelsOut = ops.ints(rows.length);
        ops.gatherRows(xb, lb, ib, clock(2), 3, out, labelsOut, rows.length, COLS, 1);
        assertClose(matrix(x).getRows(rows).data().asFloat(), read(out), 0, "x[index[3 + r], :]");
        int[] gathered = new int[rows.length];
        ops.download(labelsOut, gathered);
        assertEquals(java.util.Arrays.toString(new int[] {2, 3, 4, 4, 9}), java.util.Arrays.toString(gathered));
    }

    /**
     * The mask's one kept value is nn-core's Dropout's (its output on ones), y = x ⊙ mask exactly, a new step draws a
     * new mask, and the kept fraction of 20,000 units at p = 0.3 is 0.7 within 0.016 (5 standard deviations of a
     * binomial, √(0.21 / 20000) = 0.0032).
     */
    @Test
    void dropoutKeepsOneMinusPScaledAsNnCoreAndBackwardUsesTheSameMask() {
        int n = 20_000;
        float rate = 0.3f;
        org.neuronkit.layer.Dropout nnCore = new org.neuronkit.layer.Dropout(n, rate, 5L);
        float kept = nnCore.forwardTraining(Nd4j.ones(DataType.FLOAT, 1, n)).maxNumber().floatValue();
        float[] x = randomValues(n, 1);
        Buffer mask = ops.floats(n);
        Buffer y = ops.floats(n);
        ops.dropoutForward(77L, rate, ints(new int[] {4, 1}), buffer(x), mask, y, n);
        float[] m = read(mask);
        float[] out = read(y);
        int keeps = 0;
        for (int i = 0; i < n; i++) {
            assertTrue(m[i] == 0f || m[i] == kept, "mask " + m[i] + " at " + i + "; nn-core keeps a unit as " + kept);
            assertEquals(x[i] * m[i], out[i], 0f, "y = x ⊙ mask at " + i);
            keeps += m[i] == 0f ? 0 : 1;
        }
        assertEquals(0.7, (double) keeps / n, 0.016, "kept fraction");
        float[] g = randomValues(n, 1);
        Buffer dx = ops.floats(n);
        ops.dropoutBackward(mask, buffer(g), dx, n);
        assertClose(Nd4j.create(g).mul(Nd4j.create(m)).data().asFloat(), read(dx), 0, "∂L/∂x = ∂L/∂y ⊙ mask");
        Buffer next = ops.floats(n);
        ops.dropoutForward(77L, rate, ints(new int[] {5, 2}), buffer(x), next, ops.floats(n), n);
        assertTrue(!java.util.Arrays.equals(m, read(next)), "step t = 5 draws another mask than t = 4");
    }

    /**
     * Batch norm's kernels against nn-core's {@link org.neuronkit.layer.BatchNorm} (m = 0.2, ε = 1e-3) on the same γ, β
     * and running statistics: the training output, the moved running averages, ∂L/∂γ, ∂L/∂β and ∂L/∂x, then the
     * inference output. Within 1e-5 relative to max(1, |value|): the sums over 7 rows are taken in another order by
     * ND4J, and x̂ divides their rounding by σ (order 1 here), so the difference stays within a few float ulps.
     */
    @Test
    void batchNormTrainingBackwardAndInferenceMatchNnCore() {
        float momentum = 0.2f;
        float epsilon = 1e-3f;
        float[] params = new float[4 * COLS];
        for (int c = 0; c < COLS; c++) {
            params[c] = 1f + 0.5f * (float) random.nextGaussian();
            params[COLS + c] = (float) random.nextGaussian();
            params[2 * COLS + c] = 0.3f * (float) random.nextGaussian();
            params[3 * COLS + c] = 0.5f + random.nextFloat();
        }
        float[] x = randomValues(ROWS * COLS, 1.5);
        float[] g = randomValues(ROWS * COLS, 1);
        org.neuronkit.layer.BatchNorm nnCore = new org.neuronkit.layer.BatchNorm(COLS, momentum, epsilon);
        INDArray others = Nd4j.create(params.clone(), new long[] {4 * COLS}).castTo(DataType.FLOAT);
        INDArray otherGradients = Nd4j.zeros(DataType.FLOAT, 4 * COLS);
        nnCore.bind(null, others, null, otherGradients, null);
        INDArray expectedY = nnCore.forwardTraining(matrix(x)).dup();
        INDArray expectedDx = nnCore.backward(matrix(g), true).dup();

        Buffer p = buffer(params.clone());
        Buffer xhat = ops.floats(ROWS * COLS);
        Buffer y = ops.floats(ROWS * COLS);
        Buffer stats = ops.floats(COLS);
        ops.batchNormForward(buffer(x), p, xhat, y, stats, ROWS, COLS, momentum, epsilon, ints(new int[] {Ops.NO_BAD_STEP}));
        Buffer grads = ops.floats(2 * COLS);
        Buffer dx = ops.floats(ROWS * COLS);
        ops.batchNormBackward(buffer(g), xhat, p, stats, grads, dx, ROWS, COLS);
        assertClose(expectedY.data().asFloat(), read(y), 1e-5, "y = γ x̂ + β");
        assertClose(others.data().asFloat(), read(p), 1e-5, "γ, β and the moved running mean and variance");
        assertClose(java.util.Arrays.copyOf(otherGradients.data().asFloat(), 2 * COLS), read(grads), 1e-5, "∂L/∂γ, ∂L/∂β");
        assertClose(expectedDx.data().asFloat(), read(dx), 1e-5, "∂L/∂x");

        float[] trained = read(p);
        Buffer inferred = ops.floats(ROWS * COLS);
        ops.batchNormInference(buffer(x), buffer(trained), inferred, ROWS, COLS, epsilon);
        assertClose(nnCore.forward(matrix(x)).data().asFloat(), read(inferred), 1e-5, "inference with the running averages");
    }

    /** After a bad step (bad set) the running averages stay; γ and β are never written by the forward pass. */
    @Test
    void batchNormLeavesItsRunningAveragesAloneOnceAStepWasBad() {
        float[] params = new float[4 * COLS];
        java.util.Arrays.fill(params, 0.5f);
        Buffer p = buffer(params.clone());
        ops.batchNormForward(buffer(randomValues(ROWS * COLS, 1)), p, ops.floats(ROWS * COLS), ops.floats(ROWS * COLS), ops.floats(COLS), ROWS,
                COLS, 0.1f, 1e-5f, ints(new int[] {3}));
        assertClose(params, read(p), 0, "parameters and running averages unchanged");
    }
}
