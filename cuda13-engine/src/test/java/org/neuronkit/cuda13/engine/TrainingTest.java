package org.neuronkit.cuda13.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neuronkit.cuda13.api.EpochTotals;
import org.neuronkit.cuda13.api.UpdateRule;

/** Mlp and EpochTrainer on the CPU reference: the GEMM's forms, learning, the finite check, and bad inputs. */
class TrainingTest {
    private final Ops ops = new ReferenceOps();

    @Test
    void gemmComputesEveryTransposeForm() {
        // A = [[1, 2, 3], [4, 5, 6]] (2 × 3), B = [[1, 0], [0, 1], [1, 1]] (3 × 2): A B = [[4, 5], [10, 11]]
        Buffer a = ops.floats(6);
        ops.upload(new float[] {1, 2, 3, 4, 5, 6}, a);
        Buffer b = ops.floats(6);
        ops.upload(new float[] {1, 0, 0, 1, 1, 1}, b);
        Buffer c = ops.floats(4);
        ops.gemm(false, false, 2, 2, 3, a, b, c);
        assertArrayEquals(new float[] {4, 5, 10, 11}, read(c, 4));
        Buffer bt = ops.floats(6); // Bᵀ stored (2 × 3)
        ops.upload(new float[] {1, 0, 1, 0, 1, 1}, bt);
        ops.gemm(false, true, 2, 2, 3, a, bt, c);
        assertArrayEquals(new float[] {4, 5, 10, 11}, read(c, 4));
        Buffer at = ops.floats(6); // Aᵀ stored (3 × 2)
        ops.upload(new float[] {1, 4, 2, 5, 3, 6}, at);
        ops.gemm(true, false, 2, 2, 3, at, b, c);
        assertArrayEquals(new float[] {4, 5, 10, 11}, read(c, 4));
    }

    private float[] read(Buffer b, int n) {
        float[] out = new float[n];
        ops.download(b, out);
        return out;
    }

    private static MlpSpec spec(String activation) {
        return new MlpSpec(new int[] {2, 8, 2}, List.of(HiddenActivation.parse(activation)), LossForm.SOFTMAX, 0, 1e-4);
    }

    private static UpdateKind.Update rule(String name, Map<String, Double> hyperParameters) {
        return UpdateKind.Update.of(new UpdateRule(name, hyperParameters, 16));
    }

    /** A clock at step {@code step} of an epoch. */
    private Buffer stepClock(int step) {
        Buffer clock = ops.ints(2);
        ops.upload(new int[] {0, step}, clock);
        return clock;
    }

    private static float[] rates(int steps, float rate) {
        float[] rates = new float[steps];
        Arrays.fill(rates, rate);
        return rates;
    }

    private static float[] init(MlpSpec spec, long seed) {
        Random random = new Random(seed);
        float[] p = new float[(int) spec.parameterCount()];
        for (int i = 0; i < spec.weightCount(); i++) {
            p[i] = (float) (random.nextGaussian() * 0.7);
        }
        return p;
    }

    /** Two classes: inside or outside the circle of radius 1. */
    private DeviceData circles(int rows, long seed) {
        Random random = new Random(seed);
        float[] x = new float[2 * rows];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            x[2 * r] = (float) (random.nextDouble() * 4 - 2);
            x[2 * r + 1] = (float) (random.nextDouble() * 4 - 2);
            y[r] = x[2 * r] * x[2 * r] + x[2 * r + 1] * x[2 * r + 1] < 1.5 ? 1 : 0;
        }
        return DeviceData.upload(ops, x, y, 2);
    }

    @Test
    void learnsANonLinearBoundaryWithEveryOptimizer() {
        Map<String, Double> h = Map.of("mu", 0.9, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "wd", 0.01, "rho", 0.9);
        Map<UpdateKind, Float> rate = Map.of(UpdateKind.SGD, 0.5f, UpdateKind.MOMENTUM, 0.1f, UpdateKind.NESTEROV, 0.1f, UpdateKind.ADAM, 0.05f,
                UpdateKind.ADAMW, 0.05f, UpdateKind.RMSPROP, 0.02f, UpdateKind.ADAGRAD, 0.2f);
        for (UpdateKind kind : UpdateKind.values()) {
            MlpSpec spec = spec("tanh");
            Mlp mlp = new Mlp(ops, spec, rule(kind.registryName(), h), init(spec, 1), 32);
            EpochTrainer trainer = new EpochTrainer(ops, mlp, 32);
            DeviceData train = circles(400, 2);
            DeviceData validation = circles(200, 3);
            float[] rates = rates(trainer.steps(400), rate.get(kind));
            EpochTotals first = trainer.epoch(train, rates, 1);
            EpochTotals last = first;
            for (int e = 2; e <= 60; e++) {
                last = trainer.epoch(train, rates, e);
            }
            assertEquals(0, last.badStep(), kind.registryName());
            assertTrue(last.riskSum() < 0.5 * first.riskSum(), kind + ": risk " + first.riskSum() / 400 + " → " + last.riskSum() / 400);
            EpochTotals held = trainer.evaluate(validation);
            assertTrue(held.correct() > 0.9 * 200, kind + ": validation accuracy " + held.correct() / 200.0);
        }
    }

    @Test
    void learnsWithEveryLoss() {
        Random random = new Random(8);
        float[] x = new float[2 * 400];
        float[] targets = new float[400];
        int[] classes = new int[400];
        for (int r = 0; r < 400; r++) {
            x[2 * r] = (float) (random.nextDouble() * 4 - 2);
            x[2 * r + 1] = (float) (random.nextDouble() * 4 - 2);
            targets[r] = (float) Math.sin(x[2 * r]) * 0.8f;
            classes[r] = x[2 * r] * x[2 * r] + x[2 * r + 1] * x[2 * r + 1] < 1.5 ? 1 : 0;
        }
        HiddenActivation tanh = HiddenActivation.parse("tanh");
        for (LossForm loss : List.of(new LossForm(OutputLoss.LOGISTIC_CROSS_ENTROPY, 0, tanh, new float[] {1, 2}),
                new LossForm(OutputLoss.SQUARED_ERROR, 0, tanh, null), new LossForm(OutputLoss.HUBER, 0.3f, HiddenActivation.parse("identity"), null),
                new LossForm(OutputLoss.MAE, 0, tanh, null))) {
            MlpSpec spec = new MlpSpec(new int[] {2, 16, loss.kind().classifies() ? 2 : 1}, List.of(tanh), loss, 1e-5, 1e-4);
            Mlp mlp = new Mlp(ops, spec, rule("adam", Map.of("beta1", 0.9, "beta2", 0.999, "eps", 1e-8)), init(spec, 1), 32);
            EpochTrainer trainer = new EpochTrainer(ops, mlp, 32);
            DeviceData train = loss.kind().classifies() ? DeviceData.upload(ops, x, classes, 2) : DeviceData.upload(ops, x, targets, 2, 1);
            float[] rates = rates(trainer.steps(400), 0.02f);
            EpochTotals first = trainer.epoch(train, rates, 1);
            EpochTotals last = first;
            for (int e = 2; e <= 80; e++) {
                last = trainer.epoch(train, rates, e);
            }
            assertEquals(0, last.badStep(), loss.describe());
            assertTrue(last.riskSum() < 0.3 * first.riskSum(), loss.describe() + ": risk " + first.riskSum() / 400 + " → " + last.riskSum() / 400);
            if (loss.kind().classifies()) {
                assertTrue(trainer.evaluate(train).correct() > 0.9 * 400, "logistic: accuracy " + trainer.evaluate(train).correct() / 400.0);
            }
        }
    }

    @Test
    void eachStepUsesItsOwnLearningRateFromDeviceMemory() {
        MlpSpec spec = spec("relu");
        float[] initial = init(spec, 5);
        DeviceData data = circles(30, 6);
        // an epoch of 3 steps at rates 0.1, 1e-30, 0.3, against a twin given one rate per epoch of one step each
        Mlp scheduled = new Mlp(ops, spec, rule("sgd", Map.of()), initial, 10);
        new EpochTrainer(ops, scheduled, 10).epoch(data, new float[] {0.1f, 1e-30f, 0.3f}, 4);
        Mlp twin = new Mlp(ops, spec, rule("sgd", Map.of()), initial, 10);
        int[] order = EpochTrainer.permutation(30, 4);
        Buffer index = ops.ints(30);
        ops.upload(order, index);
        Buffer bx = ops.floats(20);
        Buffer by = ops.ints(10);
        float[][] stepRates = {{0.1f}, {1e-30f}, {0.3f}};
        for (int s = 0; s < 3; s++) {
            twin.startEpoch(stepRates[s]);
            ops.gatherRows(data.features(), data.targets(), index, stepClock(s + 1), 10, bx, by, 10, 2, 1);
            twin.step(bx, by, 10);
        }
        assertArrayEquals(twin.parameters(), scheduled.parameters());
    }

    @Test
    void aNonFiniteGradientStopsUpdatesWithTheParametersOfTheStepBefore() {
        MlpSpec spec = spec("relu");
        Mlp mlp = new Mlp(ops, spec, rule("sgd", Map.of()), init(spec, 4), 10);
        float[] x = new float[2 * 30];
        Arrays.fill(x, 0.5f);
        x[2 * 25] = Float.NaN; // row 25: its step is where the shuffled order puts it
        int[] y = new int[30];
        DeviceData data = DeviceData.upload(ops, x, y, 2);
        EpochTrainer trainer = new EpochTrainer(ops, mlp, 10);
        int[] order = EpochTrainer.permutation(30, 9);
        int badStep = 1 + (int) Arrays.stream(order).takeWhile(r -> r != 25).count() / 10;
        // the parameters before the bad step: replay the good steps on a twin
        Mlp twin = new Mlp(ops, spec, rule("sgd", Map.of()), init(spec, 4), 10);
        twin.startEpoch(rates(3, 0.1f));
        Buffer index = ops.ints(30);
        ops.upload(order, index);
        Buffer bx = ops.floats(20);
        Buffer by = ops.ints(10);
        for (int s = 0; s < badStep - 1; s++) {
            ops.gatherRows(data.features(), data.targets(), index, stepClock(s + 1), 10, bx, by, 10, 2, 1);
            twin.step(bx, by, 10);
        }
        assertEquals(badStep, trainer.epoch(data, rates(3, 0.1f), 9).badStep());
        assertArrayEquals(twin.parameters(), mlp.parameters());
    }

    @Test
    void badInputsAreNamed() {
        assertEquals("activation 'softmax' has no CUDA kernel; supported: logistic, tanh, hardlogistic, hardtanh, relu, leakyrelu(γ), elu(γ), "
                + "selu, softplus, swish(β), gelu, gelu-tanh, gelu-sigmoid, identity",
                assertThrows(IllegalArgumentException.class, () -> HiddenActivation.parse("softmax")).getMessage());
        assertEquals("activation 'leakyrelu(abc)': γ = 'abc' is not a number",
                assertThrows(IllegalArgumentException.class, () -> HiddenActivation.parse("leakyrelu(abc)")).getMessage());
        assertEquals("optimizer 'lion' has no CUDA 13 kernel; served: [sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad]",
                assertThrows(IllegalArgumentException.class, () -> rule("lion", Map.of())).getMessage());
        assertEquals("optimizer 'momentum' lacks its hyper-parameter 'mu' (has [])",
                assertThrows(IllegalArgumentException.class, () -> rule("momentum", Map.of())).getMessage());
        assertEquals("not a NeuronKit fixture (no NKFX header)", assertThrows(IllegalArgumentException.class,
                () -> Fixture.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4}))).getMessage());
        MlpSpec spec = spec("relu");
        assertEquals("2-8(relu)-2(softmax), λ₁ = 0.0, λ₂ = 1.0E-4 has 42 parameters, got 3",
                assertThrows(IllegalArgumentException.class, () -> new Mlp(ops, spec, rule("sgd", Map.of()), new float[3], 4)).getMessage());
        EpochTrainer trainer = new EpochTrainer(ops, new Mlp(ops, spec, rule("sgd", Map.of()), init(spec, 1), 10), 10);
        assertEquals("2 learning rates for an epoch of 3 steps (30 rows in batches of 10)",
                assertThrows(IllegalArgumentException.class, () -> trainer.epoch(circles(30, 1), new float[2], 1)).getMessage());
    }
}
