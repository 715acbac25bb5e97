package org.neuronkit.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;

class LossSurfaceTest {

    private static double sigma(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** ½(σ(w₂σ(w₁)) − 1)², written out with java.lang.Math. */
    private static final DoubleBinaryOperator SQUARED = (w1, w2) -> {
        double e = sigma(w2 * sigma(w1)) - 1;
        return 0.5 * e * e;
    };

    /** −log σ(w₂σ(w₁)). */
    private static final DoubleBinaryOperator CROSS_ENTROPY = (w1, w2) -> -Math.log(sigma(w2 * sigma(w1)));

    /** Both surfaces on [−10, 10]², 31 × 31 points, computed once. */
    private static final java.util.List<SurfaceFigure> SURFACES = ChapterFigures.lossSurfaces(10, 31);

    private static LossSurface.Grid surface(String which) {
        return SURFACES.stream().filter(f -> f.id().endsWith(which)).findFirst().orElseThrow().grid();
    }

    @Test
    void gridMatchesTheOneOneOneLossComputedDirectly() {
        checkAgainst(surface("squared-error"), SQUARED);
        checkAgainst(surface("cross-entropy"), CROSS_ENTROPY);
    }

    private static void checkAgainst(LossSurface.Grid grid, DoubleBinaryOperator loss) {
        assertEquals(31, grid.x().length);
        assertEquals(-10, grid.x()[0]);
        assertEquals(10, grid.y()[30]);
        for (int j = 0; j < grid.y().length; j += 3) {
            for (int i = 0; i < grid.x().length; i += 2) {
                double expected = loss.applyAsDouble(grid.x()[i], grid.y()[j]);
                assertEquals(expected, grid.risk()[j][i], 1e-12 * Math.max(1, expected), "at w₁ = " + grid.x()[i] + ", w₂ = " + grid.y()[j]);
            }
        }
    }

    @Test
    void bothSurfacesViolateConvexity() {
        for (String which : new String[] {"squared-error", "cross-entropy"}) {
            LossSurface.Grid grid = surface(which);
            String violation = findConvexityViolation(grid);
            assertTrue(violation != null, which + " surface looked convex on every grid line");
            System.out.println(which + ": " + violation);
        }
    }

    /** Points p, q and their midpoint m on one grid row, column or diagonal with R(m) > (R(p) + R(q))/2. */
    private static String findConvexityViolation(LossSurface.Grid grid) {
        double[][] r = grid.risk();
        int n = r.length;
        int[][] steps = {{1, 0}, {0, 1}, {1, 1}, {1, -1}};
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                for (int[] s : steps) {
                    for (int k = 1; k < n; k++) {
                        int i2 = i + 2 * k * s[0];
                        int j2 = j + 2 * k * s[1];
                        if (i2 < 0 || i2 >= n || j2 < 0 || j2 >= n) {
                            break;
                        }
                        double mid = r[j + k * s[1]][i + k * s[0]];
                        double chord = 0.5 * (r[j][i] + r[j2][i2]);
                        if (mid > chord + 1e-6) {
                            return String.format("R(%.1f, %.1f) = %.4f > ½(R(%.1f, %.1f) + R(%.1f, %.1f)) = %.4f",
                                    grid.x()[i + k * s[0]], grid.y()[j + k * s[1]], mid, grid.x()[i], grid.y()[j], grid.x()[i2], grid.y()[j2], chord);
                        }
                    }
                }
            }
        }
        return null;
    }

    @Test
    void parametersAreRestoredAndBiasesStayZero() {
        Network network = LossSurface.oneOneOne(Losses.squaredError(Activations.logistic()));
        assertEquals(4, network.parameterCount());
        assertEquals(0, LossSurface.weightIndex(network, 1, 0, 0));
        assertEquals(1, LossSurface.weightIndex(network, 2, 0, 0));
        INDArray one = Nd4j.ones(network.dataType(), 1, 1);
        LossSurface.compute(network, one, one,
                new LossSurface.Axis("w₁", LossSurface.parameterDirection(network, 0), -1, 1, 3),
                new LossSurface.Axis("w₂", LossSurface.parameterDirection(network, 1), -1, 1, 3));
        assertEquals(0, network.parameters().norm2Number().doubleValue());
        // at w = 0 the 1-1-1 output is σ(0) = ½
        assertEquals(0.125, network.risk(one, one), 1e-15);
    }

    @Test
    void randomDirectionIsUnitLengthOverTheWeightsOnly() {
        Network network = Network.builder(3).dense(4, Activations.tanh()).output(2, Losses.softmaxCrossEntropy()).build();
        INDArray d = LossSurface.randomDirection(network, 7);
        assertEquals(1, d.norm2Number().doubleValue(), 1e-6);
        long weights = 3 * 4 + 4 * 2;
        assertEquals(0, d.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(weights, network.parameterCount())).norm2Number().doubleValue());
        assertEquals(d, LossSurface.randomDirection(network, 7));
    }

    @Test
    void randomDirectionSurfaceOfAnyNetworkMatchesAPlainJavaForwardPass() {
        Network network = Network.builder(3).dataType(org.nd4j.linalg.api.buffer.DataType.DOUBLE).seed(5)
                .dense(4, Activations.tanh()).output(2, Losses.softmaxCrossEntropy()).build();
        double[][] x = {{0.5, -1, 2}, {1, 0.25, -0.5}, {-2, 1, 0}};
        int[] labels = {0, 1, 1};
        double[][] y = {{1, 0}, {0, 1}, {0, 1}};
        INDArray d1 = LossSurface.randomDirection(network, 1);
        INDArray d2 = LossSurface.randomDirection(network, 2);
        double[] origin = network.parameters().toDoubleVector();
        LossSurface.Grid grid = LossSurface.compute(network, Nd4j.create(x), Nd4j.create(y),
                new LossSurface.Axis("α", d1, -2, 2, 5), new LossSurface.Axis("β", d2, -1, 3, 3));
        double[] u = d1.toDoubleVector();
        double[] v = d2.toDoubleVector();
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 5; i++) {
                double[] theta = new double[origin.length];
                for (int k = 0; k < theta.length; k++) {
                    theta[k] = origin[k] + grid.x()[i] * u[k] + grid.y()[j] * v[k];
                }
                double expected = crossEntropy(theta, x, labels);
                assertEquals(expected, grid.risk()[j][i], 1e-12 * expected, "at (" + grid.x()[i] + ", " + grid.y()[j] + ")");
            }
        }
        assertEquals(java.util.Arrays.toString(origin), java.util.Arrays.toString(network.parameters().toDoubleVector()));
    }

    /**
     * Mean softmax cross-entropy of a 3-4-2 tanh network whose flat parameters are laid out as the
     * Network documents: W⁽¹⁾ (4 × 3, row-major), W⁽²⁾ (2 × 4), then b⁽¹⁾ (4), b⁽²⁾ (2).
     */
    private static double crossEntropy(double[] theta, double[][] x, int[] labels) {
        double total = 0;
        for (int n = 0; n < x.length; n++) {
            double[] h = new double[4];
            for (int m = 0; m < 4; m++) {
                double z = theta[20 + m];
                for (int k = 0; k < 3; k++) {
                    z += theta[m * 3 + k] * x[n][k];
                }
                h[m] = Math.tanh(z);
            }
            double[] z = new double[2];
            for (int c = 0; c < 2; c++) {
                z[c] = theta[24 + c];
                for (int m = 0; m < 4; m++) {
                    z[c] += theta[12 + c * 4 + m] * h[m];
                }
            }
            double max = Math.max(z[0], z[1]);
            total += max + Math.log(Math.exp(z[0] - max) + Math.exp(z[1] - max)) - z[labels[n]];
        }
        return total / x.length;
    }

    @Test
    void badAxesAreNamed() {
        Network network = LossSurface.oneOneOne(Losses.logisticCrossEntropy());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> LossSurface.weightIndex(network, 3, 0, 0));
        assertEquals("layer 3 does not exist: the network has 2 layers", e.getMessage());
        e = assertThrows(ConfigurationException.class,
                () -> new LossSurface.Axis("w₁", LossSurface.parameterDirection(network, 0), 1, 1, 5));
        assertTrue(e.getMessage().startsWith("axis w₁: need ≥ 2 points and from < to"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> LossSurface.parameterDirection(network, 4));
        assertEquals("parameter index 4 is outside the network's 4 parameters", e.getMessage());
    }
}
