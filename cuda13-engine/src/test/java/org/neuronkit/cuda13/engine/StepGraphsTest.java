package org.neuronkit.cuda13.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neuronkit.cuda13.api.UpdateRule;

/**
 * The bookkeeping of whole-step graphs, with a fake executor that counts what a GPU would do (captures, launches,
 * destroys) and replays a captured step as a graph would: by running the step recorded at capture, never the
 * step of the moment. Training through it must equal training step by step.
 */
class StepGraphsTest {
    private final Ops ops = new ReferenceOps();

    /** Counts; replays the recorded step. */
    private static final class CountingExecutor implements StepGraphs.Executor {
        int captures;
        int launches;
        int destroyed;
        final List<Integer> capturedAtLaunch = new ArrayList<>();

        @Override
        public Object capture(Runnable step) {
            captures++;
            return step;
        }

        @Override
        public void launch(Object graph) {
            launches++;
            capturedAtLaunch.add(captures);
            ((Runnable) graph).run();
        }

        @Override
        public void destroy(Object graph) {
            destroyed++;
        }
    }

    private MlpSpec spec() {
        return new MlpSpec(new int[] {3, 6, 2}, List.of(HiddenActivation.parse("tanh")), LossForm.SOFTMAX, 0, 1e-3);
    }

    private float[] init(MlpSpec spec) {
        Random random = new Random(2);
        float[] p = new float[(int) spec.parameterCount()];
        for (int i = 0; i < spec.weightCount(); i++) {
            p[i] = (float) random.nextGaussian() * 0.5f;
        }
        return p;
    }

    private DeviceData data(int rows, long seed) {
        Random random = new Random(seed);
        float[] x = new float[3 * rows];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < 3; i++) {
                x[3 * r + i] = (float) random.nextGaussian();
            }
            y[r] = x[3 * r] > 0 ? 1 : 0;
        }
        return DeviceData.upload(ops, x, y, 3);
    }

    private static float[] rates(int steps, float rate) {
        float[] rates = new float[steps];
        Arrays.fill(rates, rate);
        return rates;
    }

    private Mlp mlp() {
        return new Mlp(ops, spec(), UpdateKind.Update.of(new UpdateRule("momentum", Map.of("mu", 0.9), 24)), init(spec()), 16);
    }

    @Test
    void oneGraphPerBatchShapeCapturedOnceAndReplayedAcrossEpochsAndSchedules() {
        CountingExecutor executor = new CountingExecutor();
        EpochTrainer trainer = new EpochTrainer(ops, mlp(), 16, new StepGraphs(executor));
        DeviceData train = data(100, 1); // 6 batches of 16 and a last one of 4
        trainer.epoch(train, rates(7, 0.1f), 1);
        assertEquals(2, executor.captures, "the full batch and the shorter last batch");
        assertEquals(7, executor.launches);
        trainer.epoch(train, rates(7, 0.03f), 2); // another learning rate: read from device memory, no recapture
        trainer.epoch(train, rates(7, 0.01f), 3);
        assertEquals(2, executor.captures);
        assertEquals(21, executor.launches);
        assertEquals(0, executor.destroyed);

        DeviceData evenly = data(64, 2); // another data set that divides evenly: one more graph
        trainer.epoch(evenly, rates(4, 0.1f), 4);
        assertEquals(3, executor.captures);
        DeviceData larger = data(300, 3); // a larger set replaces the index buffer: every graph is dropped and recaptured
        trainer.epoch(larger, rates(19, 0.1f), 5);
        assertEquals(3, executor.destroyed);
        assertEquals(5, executor.captures, "the larger set's two shapes");
        assertEquals(2, trainer.graphs().held());
        trainer.epoch(train, rates(7, 0.1f), 6);
        assertEquals(7, executor.captures, "the first set again, after the buffers moved");
    }

    @Test
    void replayingTheCapturedStepsEqualsTrainingStepByStep() {
        Mlp replayed = mlp();
        EpochTrainer trainer = new EpochTrainer(ops, replayed, 16, new StepGraphs(new CountingExecutor()));
        DeviceData train = data(100, 1);
        float[] scheduled = {0.1f, 0.08f, 0.06f, 0.04f, 0.03f, 0.02f, 0.01f};
        for (int e = 1; e <= 3; e++) {
            trainer.epoch(train, scheduled, e);
        }
        // step by step, the minibatches gathered on the host side of the clock: each step its own launches
        Mlp direct = mlp();
        Buffer index = ops.ints(100);
        Buffer bx = ops.floats(16 * 3);
        Buffer by = ops.ints(16);
        for (int e = 1; e <= 3; e++) {
            int[] order = EpochTrainer.permutation(100, e);
            ops.upload(order, index);
            for (int s = 0; s < 7; s++) {
                int rows = Math.min(16, 100 - 16 * s);
                direct.startEpoch(new float[] {scheduled[s]});
                Buffer clock = ops.ints(2);
                ops.upload(new int[] {0, s + 1}, clock);
                ops.gatherRows(train.features(), train.targets(), index, clock, 16, bx, by, rows, 3, 1);
                direct.step(bx, by, rows);
            }
        }
        assertArrayEquals(direct.parameters(), replayed.parameters());
    }
}
