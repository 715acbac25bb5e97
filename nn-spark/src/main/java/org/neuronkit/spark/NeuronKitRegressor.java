package org.neuronkit.spark;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML {@link org.apache.spark.ml.Estimator} that trains a NeuronKit network regressor on a
 * DataFrame ({@link NeuronKitEstimator}: layers, optimizer, schedule, early stopping, checkpoints) and
 * returns a {@link NeuronKitRegressionModel}.
 *
 * <p>The label y (any finite number) is standardised for training, t = (y − μ) / σ with the training
 * labels' mean μ and standard deviation σ, so that the defaults work whatever the label's scale; the
 * model stores μ and σ and predicts ŷ = μ + σ t̂. The output layer is one unit trained on {@code loss}:
 * any regression loss of NeuronKit's loss registry ({@code squared-error}, {@code huber(δ)},
 * {@code mae}), on the standardised scale (so Huber's δ is in units of σ). The validation metric is
 * the RMSE in the label's units.
 */
public final class NeuronKitRegressor extends NeuronKitEstimator<NeuronKitRegressor, NeuronKitRegressionModel> {
    private final Param<String> loss;

    public NeuronKitRegressor() {
        this(Identifiable.randomUID("neuronKitRegressor"));
    }

    public NeuronKitRegressor(String uid) {
        super(uid);
        loss = new Param<>(this, "loss", "a regression loss of NeuronKit's registry, on the standardised label: "
                + String.join(", ", SparkLosses.regression()));
        setDefault(loss, "squared-error");
    }

    public static MLReader<NeuronKitRegressor> read() {
        return new DefaultParamsReader<>();
    }

    public static NeuronKitRegressor load(String path) {
        return read().load(path);
    }

    public Param<String> loss() {
        return loss;
    }

    public NeuronKitRegressor setLoss(String value) {
        return with(loss, value);
    }

    @Override
    LabelColumn labelColumn(StructType schema) {
        return LabelColumn.values(schema, getLabelCol());
    }

    @Override
    OutputColumns outputColumns() {
        return OutputColumns.of(getPredictionCol(), DataTypes.DoubleType);
    }

    @Override
    boolean targetsAreClasses() {
        return false;
    }

    @Override
    String loss(DataShape shape) {
        return SparkLosses.regression(getOrDefault(loss));
    }

    @Override
    Targets targets(DataShape shape) {
        return Targets.standardised(shape.labelMean(), shape.labelStd());
    }

    @Override
    NeuronKitRegressionModel model(byte[] modelFile) {
        return new NeuronKitRegressionModel(uid(), modelFile);
    }
}
