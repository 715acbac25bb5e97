package org.neuronkit.spark;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.types.DataTypes;

/**
 * A fitted {@link NeuronKitRegressor}: appends the prediction ŷ = μ + σ t̂ (a double) to a DataFrame
 * with a features column, t̂ being the network's output on the standardised scale and μ, σ the
 * training labels' mean and standard deviation ({@code targetMean}, {@code targetScale}, saved with
 * the model's params); {@link #predict} scores one row. See {@link NeuronKitModel} for scoring and
 * saving. The model file alone holds the network of t̂: a user of {@code ModelFile.load} applies μ
 * and σ.
 */
public final class NeuronKitRegressionModel extends NeuronKitModel<NeuronKitRegressionModel> {
    private final DoubleParam targetMean;
    private final DoubleParam targetScale;

    public NeuronKitRegressionModel(String uid, byte[] modelFile) {
        super(uid, modelFile);
        targetMean = new DoubleParam(this, "targetMean", "μ, the training labels' mean: ŷ = μ + σ t̂");
        targetScale = new DoubleParam(this, "targetScale", "σ, the training labels' standard deviation (> 0)", ParamValidators.gt(0));
        setDefault(targetMean, 0.0);
        setDefault(targetScale, 1.0);
    }

    public static MLReader<NeuronKitRegressionModel> read() {
        return new ModelReader<>(NeuronKitRegressionModel.class, NeuronKitRegressionModel::new);
    }

    public static NeuronKitRegressionModel load(String path) {
        return read().load(path);
    }

    public DoubleParam targetMean() {
        return targetMean;
    }

    public DoubleParam targetScale() {
        return targetScale;
    }

    NeuronKitRegressionModel setTargetScaling(double mean, double scale) {
        set(targetMean, mean);
        return with(targetScale, scale);
    }

    private Targets targets() {
        return Targets.standardised((Double) getOrDefault(targetMean), (Double) getOrDefault(targetScale));
    }

    /** ŷ for one feature vector. */
    public double predict(Vector features) {
        return targets().label(output(features)[0]);
    }

    @Override
    OutputColumns outputColumns() {
        return OutputColumns.of(getPredictionCol(), DataTypes.DoubleType);
    }

    @Override
    RowScorer scorer() {
        Targets targets = targets();
        return output -> new Object[] {targets.label(output[0])};
    }

    @Override
    public NeuronKitRegressionModel copy(ParamMap extra) {
        NeuronKitRegressionModel copy = copyValues(new NeuronKitRegressionModel(uid(), modelFile()), extra);
        copySummaryTo(copy);
        return copy.setParent(parent());
    }
}
