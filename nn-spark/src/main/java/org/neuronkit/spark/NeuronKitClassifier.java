package org.neuronkit.spark;

import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.neuronkit.activation.Activations;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Optimizers;

/**
 * A Spark ML {@link Estimator} that trains a NeuronKit multilayer perceptron classifier on a DataFrame
 * by synchronous data parallelism ({@link SyncTrainer}) and returns a {@link NeuronKitClassificationModel}.
 *
 * <p>The network: {@code featuresCol}'s width inputs, dense layers of {@code hiddenLayers} units with
 * {@code activation} (each followed by dropout when {@code dropout} &gt; 0), and a softmax output of C
 * classes trained on cross-entropy; the objective is R = (1/N) Σ L + (λ/2) Σ‖W‖²_F with λ =
 * {@code l2}. Labels are class indices 0..C−1, C is {@code numClasses}, or the largest label + 1 when it
 * is 0.
 *
 * <p>Each partition's rows are packed into float arrays once and cached while training. Each round
 * broadcasts the parameters, every partition runs {@code localSteps} (H) steps of the global minibatch
 * sequence (global batch {@code batchSize}), and the driver applies {@code optimizer} to the summed
 * gradient (H = 1: exactly minibatch training on the global batches) or averages the partitions'
 * parameters and optimizer state (H &gt; 1: fewer, longer rounds).
 *
 * <p>Schema errors (a missing column, one of another type, an output column that exists) are raised
 * by {@link #transformSchema} before any job runs; a row with a wrong-sized or non-finite feature vector
 * or a label outside 0..C−1 fails the fit with a {@link DataException} naming the column, the row and
 * its partition.
 */
public final class NeuronKitClassifier extends Estimator<NeuronKitClassificationModel>
        implements ScoringParams<NeuronKitClassifier>, DefaultParamsWritable {
    private final String uid;
    private final Param<String> featuresCol;
    private final Param<String> labelCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final IntArrayParam hiddenLayers;
    private final Param<String> activation;
    private final DoubleParam dropout;
    private final Param<String> optimizer;
    private final DoubleParam learningRate;
    private final DoubleParam l2;
    private final IntParam batchSize;
    private final IntParam epochs;
    private final LongParam seed;
    private final IntParam localSteps;
    private final IntParam numClasses;

    public NeuronKitClassifier() {
        this(Identifiable.randomUID("neuronKitClassifier"));
    }

    public NeuronKitClassifier(String uid) {
        this.uid = uid;
        featuresCol = ScoringParams.featuresCol(this);
        labelCol = new Param<>(this, "labelCol", "label column: class indices 0..C-1 (numeric)");
        predictionCol = ScoringParams.predictionCol(this);
        probabilityCol = ScoringParams.probabilityCol(this);
        hiddenLayers = new IntArrayParam(this, "hiddenLayers", "sizes of the hidden layers, input side first");
        activation = new Param<>(this, "activation", "activation of the hidden layers, as NeuronKit parses it: relu, tanh, logistic, leakyrelu(0.01), elu, gelu, swish(1.0), ...");
        dropout = new DoubleParam(this, "dropout", "dropout rate after each hidden layer, in [0, 1)", ParamValidators.inRange(0, 1, true, false));
        optimizer = new Param<>(this, "optimizer", "sgd, momentum or adam");
        learningRate = new DoubleParam(this, "learningRate", "learning rate α (> 0)", ParamValidators.gt(0));
        l2 = new DoubleParam(this, "l2", "λ of the L2 penalty (λ/2)Σ‖W‖² on the weights (≥ 0)", ParamValidators.gtEq(0));
        batchSize = new IntParam(this, "batchSize", "global minibatch size B, summed over partitions (> 0)", ParamValidators.gt(0));
        epochs = new IntParam(this, "epochs", "passes over the training data (> 0)", ParamValidators.gt(0));
        seed = new LongParam(this, "seed", "seed of the initial weights, the shuffling and the dropout masks");
        localSteps = new IntParam(this, "localSteps", "H: minibatch steps each partition runs per round; 1 = exact synchronous "
                + "minibatch training (gradients summed), > 1 = parameters and optimizer state averaged after H local steps",
                ParamValidators.gt(0));
        numClasses = new IntParam(this, "numClasses", "number of classes C; 0 = the largest label + 1", ParamValidators.gtEq(0));
        ScoringParams.setDefaults(this);
        setDefault(labelCol, "label");
        setDefault(hiddenLayers, new int[] {128});
        setDefault(activation, "relu");
        setDefault(dropout, 0.0);
        setDefault(optimizer, "adam");
        setDefault(learningRate, 0.001);
        setDefault(l2, 0.0);
        setDefault(batchSize, 128);
        setDefault(epochs, 10);
        setDefault(seed, 42L);
        setDefault(localSteps, 1);
        setDefault(numClasses, 0);
    }

    /** Loads a classifier saved with {@code write().save(path)} (or inside a Pipeline). */
    public static MLReader<NeuronKitClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static NeuronKitClassifier load(String path) {
        return read().load(path);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public Param<String> featuresCol() {
        return featuresCol;
    }

    public Param<String> labelCol() {
        return labelCol;
    }

    @Override
    public Param<String> predictionCol() {
        return predictionCol;
    }

    @Override
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    public IntArrayParam hiddenLayers() {
        return hiddenLayers;
    }

    public Param<String> activation() {
        return activation;
    }

    public DoubleParam dropout() {
        return dropout;
    }

    public Param<String> optimizer() {
        return optimizer;
    }

    public DoubleParam learningRate() {
        return learningRate;
    }

    public DoubleParam l2() {
        return l2;
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public IntParam epochs() {
        return epochs;
    }

    public LongParam seed() {
        return seed;
    }

    public IntParam localSteps() {
        return localSteps;
    }

    public IntParam numClasses() {
        return numClasses;
    }

    public NeuronKitClassifier setLabelCol(String value) {
        return with(labelCol, value);
    }

    public NeuronKitClassifier setHiddenLayers(int... sizes) {
        return with(hiddenLayers, sizes.clone());
    }

    public NeuronKitClassifier setActivation(String value) {
        return with(activation, value);
    }

    public NeuronKitClassifier setDropout(double value) {
        return with(dropout, value);
    }

    public NeuronKitClassifier setOptimizer(String value) {
        return with(optimizer, value);
    }

    public NeuronKitClassifier setLearningRate(double value) {
        return with(learningRate, value);
    }

    public NeuronKitClassifier setL2(double value) {
        return with(l2, value);
    }

    public NeuronKitClassifier setBatchSize(int value) {
        return with(batchSize, value);
    }

    public NeuronKitClassifier setEpochs(int value) {
        return with(epochs, value);
    }

    public NeuronKitClassifier setSeed(long value) {
        return with(seed, value);
    }

    public NeuronKitClassifier setLocalSteps(int value) {
        return with(localSteps, value);
    }

    public NeuronKitClassifier setNumClasses(int value) {
        return with(numClasses, value);
    }

    public String getLabelCol() {
        return getOrDefault(labelCol);
    }

    private <T> T value(Param<?> param) {
        @SuppressWarnings("unchecked")
        T value = (T) getOrDefault(param);
        return value;
    }

    /** Checks the input columns and that the outputs are free; the fitted model's output schema. */
    @Override
    public StructType transformSchema(StructType schema) {
        LabelColumn.classes(schema, getLabelCol(), 0);
        return OutputColumns.of(this).append(schema, getFeaturesCol());
    }

    @Override
    public NeuronKitClassificationModel fit(Dataset<?> dataset) {
        StructType schema = dataset.schema();
        transformSchema(schema);
        FeatureColumn features = FeatureColumn.of(schema, getFeaturesCol());
        int classesParam = value(numClasses);
        LabelColumn labels = LabelColumn.classes(schema, getLabelCol(), classesParam);
        SyncTrainer.Settings settings = settings();

        JavaRDD<PackedBlock> blocks = dataset.select(getFeaturesCol(), getLabelCol()).toJavaRDD()
                .mapPartitionsWithIndex((partition, rows) -> List.of(PackedBlock.pack(partition, rows, features, labels, 0)).iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            DataShape shape = DataShape.of(blocks, features.name(), getLabelCol(), classesParam);
            NetworkSpec spec = new NetworkSpec(shape.width(), value(hiddenLayers), value(activation), value(dropout), shape.classes(),
                    "softmax-cross-entropy", value(l2), value(seed));
            Network network = new SyncTrainer(spec, settings, true).train(blocks, shape.rows());
            NeuronKitClassificationModel model = new NeuronKitClassificationModel(uid, ModelBytes.of(network));
            copyValues(model, ParamMap.empty());
            return model.setParent(this);
        } catch (Exception failure) {
            throw TaskErrors.unwrap(failure);
        } finally {
            blocks.unpersist(false);
        }
    }

    /** The training settings, checked (optimizer and activation names, layer sizes) before any job runs. */
    private SyncTrainer.Settings settings() {
        Optimizers.byName(value(optimizer), value(learningRate));
        Activations.parse(value(activation));
        for (int size : (int[]) value(hiddenLayers)) {
            if (size <= 0) {
                throw new ConfigurationException("hiddenLayers: every layer size must be positive, got " + size);
            }
        }
        return new SyncTrainer.Settings(value(optimizer), value(learningRate), value(batchSize), value(epochs), value(seed), value(localSteps));
    }

    @Override
    public NeuronKitClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }
}
