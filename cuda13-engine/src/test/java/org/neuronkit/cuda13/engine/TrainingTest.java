package org.neuronkit.cuda13.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

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
        return new MlpSpec(new int[] {2, 8, 2}, List.of(HiddenActivation.parse(activation)), 1e-4);
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
    void learnsANonLinearBoundaryWithEachOptimizer() {
        for (OptimizerSpec optimizer : List.of(OptimizerSpec.sgd(0.5), OptimizerSpec.momentum(0.1, 0.9), OptimizerSpec.adam(0.05, 0.9, 0.999, 1e-8))) {
            MlpSpec spec = spec("tanh");
            Mlp mlp = new Mlp(ops, spec, optimizer, init(spec, 1), 32);
            EpochTrainer trainer = new EpochTrainer(ops, mlp, 32, 7, 400);
            DeviceData train = circles(400, 2);
            DeviceData validation = circles(200, 3);
            double[] first = trainer.epoch(1, train, validation);
            double[] last = first;
            for (int e = 2; e <= 60; e++) {
                last = trainer.epoch(e, train, validation);
            }
            assertTrue(last[0] < 0.5 * first[0], optimizer.describe() + ": risk " + first[0] + " → " + last[0]);
            assertTrue(last[3] > 0.9, optimizer.describe() + ": validation accuracy " + last[3]);
        }
    }

    @Test
    void aNonFiniteGradientStopsTrainingWithTheParametersOfTheStepBefore() {
        MlpSpec spec = spec("relu");
        Mlp mlp = new Mlp(ops, spec, OptimizerSpec.sgd(0.1), init(spec, 4), 10);
        float[] x = new float[2 * 30];
        Arrays.fill(x, 0.5f);
        x[2 * 25] = Float.NaN; // row 25: its step is where the shuffled order puts it
        int[] y = new int[30];
        DeviceData data = DeviceData.upload(ops, x, y, 2);
        EpochTrainer trainer = new EpochTrainer(ops, mlp, 10, 9, 30);
        int[] order = EpochTrainer.permutation(30, 9 * 1_000_003L + 1);
        int badStep = 1 + (int) Arrays.stream(order).takeWhile(r -> r != 25).count() / 10;
        // the parameters before the bad step: replay the good steps on a twin
        Mlp twin = new Mlp(ops, spec, OptimizerSpec.sgd(0.1), init(spec, 4), 10);
        Buffer index = ops.ints(30);
        ops.upload(order, index);
        Buffer bx = ops.floats(20);
        Buffer by = ops.ints(10);
        for (int s = 0; s < badStep - 1; s++) {
            ops.gatherRows(data.features(), data.labels(), index.slice(10L * s, 10), bx, by, 10, 2);
            twin.step(bx, by, 10);
        }
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> trainer.epoch(1, data, null));
        assertEquals("training stopped at epoch 1, step " + badStep + ": the loss or the gradient is not finite. The parameters keep "
                + "their values from before this step (try a smaller learning rate).", e.getMessage());
        assertArrayEquals(twin.parameters(), mlp.parameters());
    }

    @Test
    void badInputsAreNamed() {
        assertEquals("activation 'softmax' has no CUDA kernel; supported: logistic, tanh, hardlogistic, hardtanh, relu, leakyrelu(γ), elu(γ), "
                + "selu, softplus, swish(β), gelu, gelu-tanh, gelu-sigmoid, identity",
                assertThrows(IllegalArgumentException.class, () -> HiddenActivation.parse("softmax")).getMessage());
        assertEquals("activation 'leakyrelu(abc)': γ = 'abc' is not a number",
                assertThrows(IllegalArgumentException.class, () -> HiddenActivation.parse("leakyrelu(abc)")).getMessage());
        assertEquals("optimizer 'rmsprop(lr=0.1)' has no CUDA kernel; supported: sgd, momentum, adam",
                assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.parse("rmsprop(lr=0.1)")).getMessage());
        assertEquals("optimizer 'momentum(lr=0.1)' lacks mu",
                assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.parse("momentum(lr=0.1)")).getMessage());
        assertEquals("not a NeuronKit fixture (no NKFX header)", assertThrows(IllegalArgumentException.class,
                () -> Fixture.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4}))).getMessage());
        MlpSpec spec = spec("relu");
        assertEquals("2-8(relu)-2(softmax), λ = 1.0E-4 has 42 parameters, got 3",
                assertThrows(IllegalArgumentException.class, () -> new Mlp(ops, spec, OptimizerSpec.sgd(0.1), new float[3], 4)).getMessage());
        assertEquals(OptimizerSpec.adam(0.001, 0.9, 0.999, 1e-8), OptimizerSpec.parse("adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1.0E-8)"));
    }
}
