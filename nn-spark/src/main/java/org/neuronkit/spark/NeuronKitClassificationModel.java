package org.neuronkit.spark;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.types.DataTypes;

/**
 * A fitted {@link NeuronKitClassifier}: appends the predicted class (the arg-max, as a double) and the
 * class probabilities (a dense vector) to a DataFrame with a features column; {@link #predict} and
 * {@link #predictProbability} score one row. See {@link NeuronKitModel} for scoring and saving.
 */
public final class NeuronKitClassificationModel extends NeuronKitModel<NeuronKitClassificationModel> {
    private final Param<String> probabilityCol;

    /** A model of the network in {@code modelFile}, the bytes of a NeuronKit model file with a softmax output. */
    public NeuronKitClassificationModel(String uid, byte[] modelFile) {
        super(uid, modelFile);
        probabilityCol = ScoringParams.probabilityCol(this);
        setDefault(probabilityCol, "probability");
    }

    public static MLReader<NeuronKitClassificationModel> read() {
        return new ModelReader<>(NeuronKitClassificationModel.class, NeuronKitClassificationModel::new);
    }

    public static NeuronKitClassificationModel load(String path) {
        return read().load(path);
    }

    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    public String getProbabilityCol() {
        return getOrDefault(probabilityCol);
    }

    public NeuronKitClassificationModel setProbabilityCol(String value) {
        return with(probabilityCol, value);
    }

    /** C, the number of classes. */
    public int numClasses() {
        return numOutputs();
    }

    /** The most probable class of one feature vector. */
    public double predict(Vector features) {
        return Scores.argMax(output(features));
    }

    /** The class probabilities of one feature vector. */
    public Vector predictProbability(Vector features) {
        return Vectors.dense(Scores.doubles(output(features)));
    }

    @Override
    OutputColumns outputColumns() {
        return OutputColumns.of(getPredictionCol(), DataTypes.DoubleType).and(getProbabilityCol(), SQLDataTypes.VectorType());
    }

    @Override
    RowScorer scorer() {
        return probabilities -> new Object[] {(double) Scores.argMax(probabilities), Vectors.dense(Scores.doubles(probabilities))};
    }

    @Override
    public NeuronKitClassificationModel copy(ParamMap extra) {
        NeuronKitClassificationModel copy = copyValues(new NeuronKitClassificationModel(uid(), modelFile()), extra);
        copySummaryTo(copy);
        return copy.setParent(parent());
    }
}
