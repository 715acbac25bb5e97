package org.neuronkit.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.data.Normalizer;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Adam;
import org.neuronkit.serve.Predictor;
import org.neuronkit.train.Trainer;

/**
 * Integrated gradients' completeness on a trained digits model (raw pixel counts in, the model's
 * normaliser inside), an exact case (a linear model), and permutation importance on data where only
 * some features matter.
 */
class ExplainerTest {
    private static DataSet.Split digits;
    private static Network digitsNetwork;
    private static Predictor digitsPredictor;

    /** A small digits classifier: 64-32-10 ReLU, Adam, 8 epochs (about a second). */
    @BeforeAll
    static void trainDigits() {
        digits = BundledDatasets.digits().split(0.8, 42);
        Normalizer scaling = BundledDatasets.digitsScaling();
        digitsNetwork = Network.builder(64).seed(42).dense(32, Activations.relu()).output(10, Losses.softmaxCrossEntropy()).build();
        new Trainer(new Adam(0.01), 32, 8, 42).fit(digitsNetwork, digits.train().normalizedBy(scaling), null);
        digitsPredictor = Predictor.of(digitsNetwork, scaling, 2);
    }

    @AfterAll
    static void close() {
        digitsPredictor.close();
        digitsNetwork.close();
    }

    /** Σ_i IG_i = F(x) − F(x′) within 1e-3 at 200 steps, for 8 test rows, from zeros and from the training mean. */
    @Test
    void attributionsSumToTheChangeOfTheProbability() {
        INDArray rows = digits.test().features().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 8),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        Explainer explainer = new Explainer(digitsPredictor);
        for (Baseline baseline : List.of(Baseline.zeros(), Baseline.mean(digits.train().features()))) {
            Attributions ig = explainer.integratedGradients(rows, baseline, 200);
            assertTrue(ig.worstCompletenessError() < 1e-3, baseline + ": worst completeness error " + ig.worstCompletenessError());
            for (int n = 0; n < 8; n++) {
                assertTrue(Math.abs(ig.outputs()[n] - ig.baselineOutputs()[n]) > 0.05,
                        "row " + n + " explains a change of the probability, not nothing");
            }
        }
    }

    /** The classes explained are the predicted ones, and explaining a given class uses that class's probability. */
    @Test
    void theExplainedClassIsThePredictedOneUnlessGiven() {
        INDArray rows = digits.test().features().getRows(0, 1, 2);
        Explainer explainer = new Explainer(digitsPredictor);
        Attributions predicted = explainer.integratedGradients(rows, Baseline.zeros(), 50);
        assertEquals(List.of(digitsPredictor.predict(rows)[0], digitsPredictor.predict(rows)[1], digitsPredictor.predict(rows)[2]),
                java.util.Arrays.stream(predicted.classes()).boxed().toList());
        Attributions other = explainer.integratedGradients(rows, Baseline.zeros(), 50, new int[] {3, 3, 3});
        assertEquals(digitsPredictor.output(rows).getDouble(1, 3), other.outputs()[1], 1e-6);
    }

    /**
     * A linear model F(x) = w · (x − shift)/scale + b (a regression network with no hidden layer) has a
     * constant gradient, so IG_i = w_i (x_i − x′_i) / scale_i exactly, at any step count.
     */
    @Test
    void aLinearModelsAttributionsAreItsWeightsTimesTheDisplacement() {
        Network linear = Network.builder(3).seed(1).dataType(DataType.DOUBLE).output(1, Losses.squaredError()).build();
        Normalizer scaling = Normalizer.standardize().fit(Nd4j.createFromArray(new double[][] {{0, 10, -5}, {2, 30, 5}, {1, 20, 0}}));
        try (Predictor predictor = Predictor.of(linear, scaling, 1)) {
            INDArray x = Nd4j.createFromArray(new double[][] {{1.5, 12, 3}});
            Attributions ig = new Explainer(predictor).integratedGradients(x, Baseline.of(new double[] {0.5, 25, -1}), 3);
            INDArray w = linear.layers().get(0).parameterViews().get("weight");
            INDArray scale = scaling.params().get("scale");
            double[] displacement = {1.0, -13, 4};
            for (int i = 0; i < 3; i++) {
                assertEquals(w.getDouble(i) * displacement[i] / scale.getDouble(i), ig.values().getDouble(0, i), 1e-12);
            }
            assertTrue(ig.worstCompletenessError() < 1e-12);
        }
    }

    /**
     * Six features, of which the label depends on two (y = [x₀ + 2x₁ > 0]); a trained classifier's
     * permutation importance ranks those two first, the noise features near 0, and a second run with
     * the same seed gives the same numbers.
     */
    @Test
    void permutationImportanceRanksTheFeaturesThatMatterFirst() {
        Random random = new Random(5);
        int n = 600;
        double[][] x = new double[n][6];
        int[] y = new int[n];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < 6; j++) {
                x[r][j] = random.nextGaussian();
            }
            y[r] = x[r][0] + 2 * x[r][1] > 0 ? 1 : 0;
        }
        DataSet data = DataSet.ofClasses(x, y, 2);
        try (Network network = Network.builder(6).seed(3).dense(16, Activations.tanh()).output(2, Losses.softmaxCrossEntropy()).build()) {
            new Trainer(new Adam(0.02), 32, 20, 3).fit(network, data.castTo(DataType.FLOAT), null);
            try (Predictor predictor = Predictor.of(network, null, 1)) {
                Explainer explainer = new Explainer(predictor);
                Importances importances = explainer.permutationImportance(data, 5, 11);
                assertEquals("accuracy", importances.metric());
                assertTrue(importances.score() > 0.95, "accuracy " + importances.score());
                Set<Integer> firstTwo = importances.ranked().subList(0, 2).stream().map(FeatureImportance::feature).collect(Collectors.toSet());
                assertEquals(Set.of(0, 1), firstTwo, importances.ranked().toString());
                assertTrue(importances.features().get(1).mean() > importances.features().get(0).mean(), "x₁ weighs twice x₀");
                for (int j = 2; j < 6; j++) {
                    assertTrue(Math.abs(importances.features().get(j).mean()) < 0.03, importances.features().get(j).toString());
                }
                assertTrue(importances.features().get(1).std() > 0, "five shuffles differ");
                assertEquals(importances, explainer.permutationImportance(data, 5, 11));
            }
        }
    }

    /** Permutation importance of a regression model is the drop in R². */
    @Test
    void aRegressionModelsImportanceIsTheDropInRSquared() {
        Random random = new Random(8);
        double[][] x = new double[300][3];
        double[][] y = new double[300][1];
        for (int r = 0; r < 300; r++) {
            for (int j = 0; j < 3; j++) {
                x[r][j] = random.nextGaussian();
            }
            y[r][0] = 3 * x[r][2];
        }
        DataSet data = DataSet.ofTargets(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
        Network linear = Network.builder(3).seed(1).dataType(DataType.DOUBLE).output(1, Losses.squaredError()).build();
        linear.layers().get(0).parameterViews().get("weight").assign(Nd4j.createFromArray(0.0, 0.0, 3.0));
        try (Predictor predictor = Predictor.of(linear, null, 1)) {
            Importances importances = new Explainer(predictor).permutationImportance(data, 3, 1);
            assertEquals("R²", importances.metric());
            assertEquals(1.0, importances.score(), 1e-12);
            assertEquals(0.0, importances.features().get(0).mean(), 1e-12);
            // shuffling the only feature: R² = 1 − Σ(3x_π − 3x)²/Σ(3x − mean)², about 1 − 2 = −1, a drop of about 2
            assertEquals(2.0, importances.features().get(2).mean(), 0.4);
        }
    }

    @Test
    void badSettingsAreRefusedByName() {
        Explainer explainer = new Explainer(digitsPredictor);
        INDArray row = digits.test().features().getRows(0);
        assertEquals("integrated gradients need at least 1 step, got 0",
                assertThrows(ConfigurationException.class, () -> explainer.integratedGradients(row, Baseline.zeros(), 0)).getMessage());
        assertEquals("permutation importance needs at least 1 repeat, got 0",
                assertThrows(ConfigurationException.class, () -> explainer.permutationImportance(digits.test(), 0, 1)).getMessage());
        assertEquals("the baseline (a given row) has 2 features, the model 64",
                assertThrows(org.neuronkit.DataException.class,
                        () -> explainer.integratedGradients(row, Baseline.of(new double[2]), 10)).getMessage());
    }
}
