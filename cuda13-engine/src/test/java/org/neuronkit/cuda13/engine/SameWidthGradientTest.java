package org.neuronkit.cuda13.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neuronkit.cuda13.api.UpdateRule;

/**
 * A gradient check of the CPU twin of the engine's step ({@link ReferenceOps}) through dropout and batch norm: a
 * 3-6-5-2 network (tanh) with dropout and batch norm after the first hidden layer and batch norm after the second.
 * The mask depends only on (seed, step, unit), so at the same step every evaluation of the risk draws the same one
 * and central differences are well defined. The step runs at learning rate 0, so the parameters stay.
 */
class SameWidthGradientTest {
    private static final int ROWS = 8;
    private final Ops ops = new ReferenceOps();
    private final MlpSpec spec = new MlpSpec(new int[] {3, 6, 5, 2}, List.of(HiddenActivation.parse("tanh"), HiddenActivation.parse("tanh")),
            LossForm.SOFTMAX, 0, 0, List.of(SameWidthLayer.dropout(0, 0.3f, 9), SameWidthLayer.batchNorm(0, 0.1f, 1e-5f),
                    SameWidthLayer.batchNorm(1, 0.2f, 1e-3f)));
    private final Mlp mlp = new Mlp(ops, spec, UpdateKind.Update.of(new UpdateRule("sgd", Map.of(), spec.weightCount())), new float[(int) spec.parameterCount()],
            ROWS);
    private final Buffer x = ops.floats(ROWS * 3);
    private final Buffer labels = ops.ints(ROWS);

    /** The risk at θ, each time at step 1 of the update count (the same masks), and the gradient it leaves. */
    private double risk(float[] theta) {
        mlp.setParameters(theta);
        mlp.setOptimizerState(Map.of(Mlp.STEP, new float[] {0}));
        mlp.startEpoch(new float[] {0f});
        mlp.step(x, labels, ROWS);
        return mlp.takeTotals(ROWS).riskSum() / ROWS;
    }

    @Test
    void analyticGradientMatchesCentralDifferencesThroughDropoutAndBatchNorm() {
        Random random = new Random(4);
        float[] features = new float[ROWS * 3];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) random.nextGaussian();
        }
        ops.upload(features, x);
        int[] classes = new int[ROWS];
        for (int r = 0; r < ROWS; r++) {
            classes[r] = random.nextInt(2);
        }
        ops.upload(classes, labels);
        float[] theta = new float[(int) spec.parameterCount()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (float) (random.nextGaussian() * 0.8);
        }
        for (int k = 0; k < spec.sameWidth().size(); k++) {
            if (spec.sameWidth().get(k).kind() == SameWidthLayer.Kind.BATCH_NORM) {
                int w = spec.width(k);
                int at = (int) spec.normOffset(k);
                for (int c = 0; c < w; c++) {
                    theta[at + 3 * w + c] = 0.5f + random.nextFloat(); // running variances are positive
                }
            }
        }
        risk(theta);
        float[] analytic = mlp.gradients();
        double h = 5e-3;
        int checked = 0;
        for (int i = 0; i < theta.length; i++) {
            float[] plus = theta.clone();
            plus[i] += (float) h;
            float[] minus = theta.clone();
            minus[i] -= (float) h;
            double numeric = (risk(plus) - risk(minus)) / (plus[i] - minus[i]);
            assertEquals(numeric, analytic[i], 1e-3 + 1e-2 * Math.abs(numeric), "∂R/∂θ_" + i + " of " + theta.length);
            checked += analytic[i] != 0 ? 1 : 0;
        }
        int runningAverages = 2 * (6 + 5);
        assertTrue(checked >= theta.length - runningAverages - 3, checked + " nonzero gradients of " + theta.length);
    }

    /** The running averages are not trained (gradient 0) but move in each training step; evaluation leaves them. */
    @Test
    void batchNormsRunningAveragesHaveZeroGradientAndMoveOnlyInTraining() {
        float[] theta = new float[(int) spec.parameterCount()];
        java.util.Arrays.fill(theta, 0.3f);
        float[] features = new float[ROWS * 3];
        for (int i = 0; i < features.length; i++) {
            features[i] = i % 5 - 2;
        }
        ops.upload(features, x);
        risk(theta);
        float[] g = mlp.gradients();
        float[] after = mlp.parameters();
        for (int k = 1; k < 3; k++) {
            int w = spec.width(k);
            int at = (int) spec.normOffset(k);
            for (int c = 0; c < 2 * w; c++) {
                assertEquals(0f, g[at + 2 * w + c], "batch norm " + k + ": running average entry " + c + "'s gradient");
                assertTrue(after[at + 2 * w + c] != 0.3f, "batch norm " + k + ": running average entry " + c + " moved");
            }
        }
        mlp.evaluate(x, labels, ROWS);
        mlp.takeTotals(ROWS);
        assertEquals(java.util.Arrays.toString(after), java.util.Arrays.toString(mlp.parameters()), "evaluation leaves every parameter");
    }
}
