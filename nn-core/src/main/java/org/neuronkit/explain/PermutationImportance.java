package org.neuronkit.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.neuronkit.data.DataSet;
import org.neuronkit.eval.RegressionErrors;
import org.neuronkit.serve.Predictor;

/**
 * Permutation importance (Breiman 2001; Fisher, Rudin and Dominici 2019): how much a model's score
 * drops when the values of one feature are shuffled across the rows, which breaks the feature's link
 * to the target and keeps its distribution. For feature j and repeat r,
 * drop_jr = s(X, y) − s(X with column j permuted by π_jr, y); the result is the mean and the sample
 * standard deviation over the R repeats. The score s is the accuracy for a classifier and R² for a
 * regression model, both on the raw rows through {@link Predictor}.
 *
 * <p>Seeded: the permutation π_jr is a Fisher–Yates shuffle ({@link DataSet#permutation}) drawn from
 * {@code new Random(seed)} advanced feature by feature, repeat by repeat, so a run is reproducible.
 *
 * <h2>Shapes</h2>
 * the data are N × F features with their labels or targets; the result has F entries.
 */
final class PermutationImportance {
    private final Predictor predictor;
    private final int repeats;
    private final long seed;

    PermutationImportance(Predictor predictor, int repeats, long seed) {
        if (repeats < 1) {
            throw new ConfigurationException("permutation importance needs at least 1 repeat, got " + repeats);
        }
        this.predictor = predictor;
        this.repeats = repeats;
        this.seed = seed;
    }

    /** Every feature's importance on {@code data}, in feature order. */
    Importances measure(DataSet data) {
        if (data.featureCount() != predictor.inputSize()) {
            throw new DataException("the data have " + data.featureCount() + " features, the model " + predictor.inputSize());
        }
        if (data.targets().columns() != predictor.outputSize()) {
            throw new DataException("the data have " + data.targets().columns() + " target columns, the model "
                    + predictor.outputSize() + " outputs");
        }
        INDArray x = data.features().dup();
        double score = score(x, data);
        Random random = new Random(seed);
        List<FeatureImportance> importances = new ArrayList<>();
        for (int j = 0; j < x.columns(); j++) {
            INDArray column = x.getColumn(j).dup();
            double[] drops = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                int[] permutation = DataSet.permutation((int) x.rows(), random);
                x.putColumn(j, column.get(NDArrayIndex.indices(toLongs(permutation))));
                drops[r] = score - score(x, data);
            }
            x.putColumn(j, column);
            importances.add(new FeatureImportance(j, mean(drops), std(drops)));
        }
        return new Importances(data.isClassification() ? "accuracy" : "R²", score, importances);
    }

    /** The accuracy (classifier) or R² (regression) of the predictor on features x with data's targets. */
    private double score(INDArray x, DataSet data) {
        if (data.isClassification()) {
            int[] predicted = predictor.predict(x);
            int[] labels = data.labels();
            int correct = 0;
            for (int n = 0; n < labels.length; n++) {
                correct += predicted[n] == labels[n] ? 1 : 0;
            }
            return (double) correct / labels.length;
        }
        return RegressionErrors.of(predictor.output(x), data.targets()).r2();
    }

    private static long[] toLongs(int[] values) {
        long[] longs = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            longs[i] = values[i];
        }
        return longs;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double std(double[] values) {
        if (values.length < 2) {
            return 0;
        }
        double mean = mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }
}
