package org.neuronkit.spark;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.neuronkit.DataException;
import org.neuronkit.loss.ClassWeights;
import org.neuronkit.loss.Loss;
import org.neuronkit.loss.Losses;

/**
 * A Spark ML {@link org.apache.spark.ml.Estimator} that trains a NeuronKit network classifier on a
 * DataFrame ({@link NeuronKitEstimator}: layers, optimizer, schedule, early stopping, checkpoints) and
 * returns a {@link NeuronKitClassificationModel}.
 *
 * <p>The output layer: a softmax over C classes trained on cross-entropy, each sample's loss weighted
 * by its class's weight when {@code classWeights} is set ({@code balanced}, w_c = N / (C n_c), or a list
 * {@code w0,w1,…}). Labels are class indices 0..C−1; C is {@code numClasses}, or the largest label + 1
 * when it is 0. The validation metric is the accuracy.
 *
 * <p>Schema errors (a missing column, one of another type, an output column that exists) are raised
 * by {@link #transformSchema} before any job runs; a row with a wrong-sized or non-finite feature vector
 * or a label outside 0..C−1 fails the fit with a {@link DataException} naming the column, the row and
 * its partition.
 */
public final class NeuronKitClassifier extends NeuronKitEstimator<NeuronKitClassifier, NeuronKitClassificationModel> {
    private final Param<String> probabilityCol;
    private final IntParam numClasses;
    private final Param<String> classWeights;

    public NeuronKitClassifier() {
        this(Identifiable.randomUID("neuronKitClassifier"));
    }

    public NeuronKitClassifier(String uid) {
        super(uid);
        probabilityCol = ScoringParams.probabilityCol(this);
        numClasses = new IntParam(this, "numClasses", "number of classes C; 0 = the largest label + 1", ParamValidators.gtEq(0));
        classWeights = new Param<>(this, "classWeights", "weights of the classes in the loss: balanced (N / (C n_c)) or w0,w1,…;"
                + " unset = all 1");
        setDefault(probabilityCol, "probability");
        setDefault(numClasses, 0);
    }

    /** Loads a classifier saved with {@code write().save(path)} (or inside a Pipeline). */
    public static MLReader<NeuronKitClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static NeuronKitClassifier load(String path) {
        return read().load(path);
    }

    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    public IntParam numClasses() {
        return numClasses;
    }

    public Param<String> classWeights() {
        return classWeights;
    }

    public String getProbabilityCol() {
        return getOrDefault(probabilityCol);
    }

    public NeuronKitClassifier setProbabilityCol(String value) {
        return with(probabilityCol, value);
    }

    public NeuronKitClassifier setNumClasses(int value) {
        return with(numClasses, value);
    }

    /** {@code balanced}, or the weights {@code w0,w1,…} of the classes in order. */
    public NeuronKitClassifier setClassWeights(String value) {
        return with(classWeights, value);
    }

    @Override
    LabelColumn labelColumn(StructType schema) {
        return LabelColumn.classes(schema, getLabelCol(), value(numClasses));
    }

    @Override
    OutputColumns outputColumns() {
        return OutputColumns.of(getPredictionCol(), DataTypes.DoubleType).and(getProbabilityCol(), SQLDataTypes.VectorType());
    }

    @Override
    boolean targetsAreClasses() {
        return true;
    }

    @Override
    String loss(DataShape shape) {
        Loss loss = Losses.parse(SparkLosses.CLASSIFIER);
        if (!isDefined(classWeights)) {
            return loss.spec();
        }
        String weights = getOrDefault(classWeights).trim();
        boolean balanced = weights.equalsIgnoreCase("balanced");
        if (shape == null) {
            return balanced ? loss.spec() : loss.withClassWeights(ClassWeights.parse(weights)).spec(); // the list checked before any job
        }
        long[] counts = java.util.Arrays.copyOf(shape.classCounts(), targets(shape).outputs());
        return loss.withClassWeights(balanced ? ClassWeights.balanced(counts) : ClassWeights.parse(weights)).spec();
    }

    @Override
    Targets targets(DataShape shape) {
        int classes = value(numClasses);
        if (classes == 0) {
            classes = (int) shape.maxLabel() + 1;
            if (classes < 2) {
                throw new DataException("label column '" + getLabelCol() + "' has only the class 0: a classifier needs at least 2 classes"
                        + " (set numClasses if the data lacks the higher ones)");
            }
        }
        return Targets.classes(classes);
    }

    @Override
    NeuronKitClassificationModel model(byte[] modelFile) {
        return new NeuronKitClassificationModel(uid(), modelFile);
    }
}
