package org.neuronkit.spark;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.types.DataTypes;

/**
 * A fitted {@link NeuronKitRegressor}: appends the prediction ŷ = μ + σ t̂ (a double) to a DataFrame
 * with a features column, t̂ being the network's output on the standardised scale and μ, σ the
 * training labels' mean and standard deviation; {@link #predict} scores one row. See
 * {@link NeuronKitModel} for scoring and saving. μ and σ are the model file's target scaling
 * ({@code ModelFile.Model#targetScaling}), so {@code Predictor}, {@code ModelFile.Model#output} and
 * {@code neuronkit predict} give ŷ from the file alone.
 */
public final class NeuronKitRegressionModel extends NeuronKitModel<NeuronKitRegressionModel> {

    /** A model of the network in {@code modelFile}, the bytes of a NeuronKit model file with one output. */
    public NeuronKitRegressionModel(String uid, byte[] modelFile) {
        super(uid, modelFile);
    }

    public static MLReader<NeuronKitRegressionModel> read() {
        return new ModelReader<>(NeuronKitRegressionModel.class, NeuronKitRegressionModel::new);
    }

    public static NeuronKitRegressionModel load(String path) {
        return read().load(path);
    }

    /** ŷ for one feature vector. */
    public double predict(Vector features) {
        return output(features)[0];
    }

    @Override
    OutputColumns outputColumns() {
        return OutputColumns.of(getPredictionCol(), DataTypes.DoubleType);
    }

    @Override
    RowScorer scorer() {
        return output -> new Object[] {(double) output[0]};
    }

    @Override
    public NeuronKitRegressionModel copy(ParamMap extra) {
        NeuronKitRegressionModel copy = copyValues(new NeuronKitRegressionModel(uid(), modelFile()), extra);
        copySummaryTo(copy);
        return copy.setParent(parent());
    }
}
