package org.neuronkit.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.util.List;
import java.util.function.IntConsumer;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.neuronkit.DataException;
import org.neuronkit.layer.DenseSpec;
import org.neuronkit.layer.LayerSpec;
import org.neuronkit.network.Network;
import org.neuronkit.optim.LearningRateSchedule;
import org.neuronkit.optim.Optimizers;

/**
 * What {@link NeuronKitClassifier} and {@link NeuronKitRegressor} share: the network, optimizer,
 * training, early-stopping and checkpoint params, and the fit itself.
 *
 * <p>The network: the hidden layers {@code layers} lists (NeuronKit {@link LayerSpec}s as JSON, see
 * {@link #setLayers(LayerSpec...)}), each built by {@code NetworkBuilder.add}, then the output layer the
 * subclass derives from the labels and its loss. Objective R = (1/N) Σ L + (λ/2) Σ‖W‖² + λ₁ Σ|W|.
 * {@code optimizer} is any spec of NeuronKit's optimizer registry ({@code adam}, {@code adamw(wd=0.01)},
 * {@code nesterov(mu=0.95)}, …) with α = {@code learningRate}, and {@code schedule} any spec of its
 * schedule registry ({@code constant}, {@code cosine}, {@code step(10,0.5)}, {@code warmup(2,cosine)},
 * {@code plateau(factor=0.5,patience=3)}, advanced on the driver with each epoch's results), α_e per epoch. Every name is checked by its registry, with the registry's message, before any job.
 *
 * <p>Training ({@link SyncTrainer}): each partition's rows are packed into float arrays once and cached;
 * each round broadcasts the parameters, every partition runs {@code localSteps} (H) steps of the global
 * minibatch sequence (global batch {@code batchSize}), and the driver applies the optimizer to the
 * summed gradient (H = 1: exactly minibatch training) or averages parameters and optimizer state (H &gt; 1).
 *
 * <p>Early stopping: rows whose boolean {@code validationIndicatorCol} is true (null counts as false)
 * are held out; after each epoch their risk and metric are measured, and nn-core's
 * {@link org.neuronkit.train.EarlyStopping} on {@code earlyStopMetric} (the validation risk by default, or the
 * accuracy or RMSE) keeps the best epoch's weights and stops the fit after {@code patience} epochs without an
 * improvement of more than {@code minDelta}. Checkpoints:
 * with {@code checkpointDir} (any Hadoop path), the state is saved every {@code checkpointInterval}
 * epochs, and a fit of the same settings and data that finds a checkpoint there resumes after it.
 *
 * @param <E> the estimator, which the setters return
 * @param <M> its fitted model
 */
public abstract class NeuronKitEstimator<E extends NeuronKitEstimator<E, M>, M extends NeuronKitModel<M>> extends Estimator<M>
        implements ScoringParams<E>, DefaultParamsWritable {
    private final String uid;
    private final Param<String> featuresCol;
    private final Param<String> labelCol;
    private final Param<String> predictionCol;
    private final Param<String> layers;
    private final Param<String> optimizer;
    private final DoubleParam learningRate;
    private final Param<String> schedule;
    private final DoubleParam l2;
    private final DoubleParam l1;
    private final IntParam batchSize;
    private final IntParam epochs;
    private final LongParam seed;
    private final IntParam localSteps;
    private final Param<String> validationIndicatorCol;
    private final IntParam patience;
    private final DoubleParam minDelta;
    private final Param<String> earlyStopMetric;
    private final IntParam checkpointInterval;
    private final Param<String> checkpointDir;
    private final BooleanParam useBarrierExecutionMode;
    private transient IntConsumer afterEpoch = epoch -> { };

    protected NeuronKitEstimator(String uid) {
        this.uid = uid;
        featuresCol = ScoringParams.featuresCol(this);
        labelCol = new Param<>(this, "labelCol", "label column (numeric)");
        predictionCol = ScoringParams.predictionCol(this);
        layers = new Param<>(this, "layers", "the hidden layers as a JSON list of NeuronKit layer specs, e.g. "
                + "[{\"type\":\"dense\",\"units\":128,\"activation\":\"relu\"},{\"type\":\"dropout\",\"rate\":0.2,\"seed\":null}]");
        optimizer = new Param<>(this, "optimizer", "an optimizer of NeuronKit's registry: " + String.join(", ", Optimizers.REGISTRY.usages()));
        learningRate = new DoubleParam(this, "learningRate", "base learning rate α₀ (> 0)", ParamValidators.gt(0));
        schedule = new Param<>(this, "schedule", "a learning-rate schedule of NeuronKit's registry, per epoch: "
                + String.join(", ", org.neuronkit.optim.Schedules.REGISTRY.usages()));
        l2 = new DoubleParam(this, "l2", "λ of the L2 penalty (λ/2)Σ‖W‖² on the weights (≥ 0)", ParamValidators.gtEq(0));
        l1 = new DoubleParam(this, "l1", "λ₁ of the L1 penalty λ₁Σ|W| on the weights (≥ 0)", ParamValidators.gtEq(0));
        batchSize = new IntParam(this, "batchSize", "global minibatch size B, summed over partitions (> 0)", ParamValidators.gt(0));
        epochs = new IntParam(this, "epochs", "passes over the training data (> 0)", ParamValidators.gt(0));
        seed = new LongParam(this, "seed", "seed of the initial weights, the shuffling and the dropout masks");
        localSteps = new IntParam(this, "localSteps", "H: minibatch steps each partition runs per round; 1 = exact synchronous "
                + "minibatch training (gradients summed), > 1 = parameters and optimizer state averaged after H local steps",
                ParamValidators.gt(0));
        validationIndicatorCol = new Param<>(this, "validationIndicatorCol", "boolean column: true marks a validation row "
                + "(held out of training, measured after every epoch for early stopping); unset = no validation");
        patience = new IntParam(this, "patience", "epochs without a validation improvement before the fit stops (0 = never stop"
                + " early; the best epoch's weights are kept either way)", ParamValidators.gtEq(0));
        minDelta = new DoubleParam(this, "minDelta", "the decrease of the validation risk that counts as an improvement (≥ 0)",
                ParamValidators.gtEq(0));
        earlyStopMetric = new Param<>(this, "earlyStopMetric", "the metric early stopping watches (its direction is the metric's): "
                + DriverMetrics.names());
        checkpointInterval = new IntParam(this, "checkpointInterval", "epochs between checkpoints (≥ 1), when checkpointDir is set",
                ParamValidators.gtEq(1));
        checkpointDir = new Param<>(this, "checkpointDir", "a Hadoop directory for checkpoints; a fit finding one of the same fit"
                + " there resumes from it; unset = no checkpoints");
        useBarrierExecutionMode = new BooleanParam(this, "useBarrierExecutionMode", "run each round as a barrier stage: all partitions'"
                + " tasks start together, and a lost task fails the stage at once");
        ScoringParams.setDefaults(this);
        setDefault(labelCol, "label");
        setDefault(layers, LayerList.toJson(List.of(new DenseSpec(128, "relu"))));
        setDefault(optimizer, "adam");
        setDefault(learningRate, 0.001);
        setDefault(schedule, "constant");
        setDefault(l2, 0.0);
        setDefault(l1, 0.0);
        setDefault(batchSize, 128);
        setDefault(epochs, 10);
        setDefault(seed, 42L);
        setDefault(localSteps, 1);
        setDefault(patience, 5);
        setDefault(minDelta, 0.0);
        setDefault(earlyStopMetric, org.neuronkit.train.Metric.VALIDATION_LOSS.metricName());
        setDefault(checkpointInterval, 1);
        setDefault(useBarrierExecutionMode, false);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public Param<String> featuresCol() {
        return featuresCol;
    }

    @Override
    public Param<String> predictionCol() {
        return predictionCol;
    }

    public Param<String> labelCol() {
        return labelCol;
    }

    public Param<String> layers() {
        return layers;
    }

    public Param<String> optimizer() {
        return optimizer;
    }

    public DoubleParam learningRate() {
        return learningRate;
    }

    public Param<String> schedule() {
        return schedule;
    }

    public DoubleParam l2() {
        return l2;
    }

    public DoubleParam l1() {
        return l1;
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

    public Param<String> validationIndicatorCol() {
        return validationIndicatorCol;
    }

    public IntParam patience() {
        return patience;
    }

    public DoubleParam minDelta() {
        return minDelta;
    }

    public Param<String> earlyStopMetric() {
        return earlyStopMetric;
    }

    public IntParam checkpointInterval() {
        return checkpointInterval;
    }

    public Param<String> checkpointDir() {
        return checkpointDir;
    }

    public BooleanParam useBarrierExecutionMode() {
        return useBarrierExecutionMode;
    }

    public String getLabelCol() {
        return getOrDefault(labelCol);
    }

    public E setLabelCol(String value) {
        return with(labelCol, value);
    }

    /** The hidden layers as the JSON {@link LayerList} reads; checked by {@link #fit} before any job. */
    public E setLayers(String json) {
        return with(layers, json);
    }

    /** The hidden layers, e.g. {@code new DenseSpec(256, "relu"), new DropoutSpec(0.2, null), new BatchNormSpec()}. */
    public E setLayers(LayerSpec... specs) {
        return with(layers, LayerList.toJson(List.of(specs)));
    }

    public E setOptimizer(String value) {
        return with(optimizer, value);
    }

    public E setLearningRate(double value) {
        return with(learningRate, value);
    }

    public E setSchedule(String value) {
        return with(schedule, value);
    }

    public E setL2(double value) {
        return with(l2, value);
    }

    public E setL1(double value) {
        return with(l1, value);
    }

    public E setBatchSize(int value) {
        return with(batchSize, value);
    }

    public E setEpochs(int value) {
        return with(epochs, value);
    }

    public E setSeed(long value) {
        return with(seed, value);
    }

    public E setLocalSteps(int value) {
        return with(localSteps, value);
    }

    public E setValidationIndicatorCol(String value) {
        return with(validationIndicatorCol, value);
    }

    public E setPatience(int value) {
        return with(patience, value);
    }

    public E setMinDelta(double value) {
        return with(minDelta, value);
    }

    /** The {@link org.neuronkit.train.Metric} early stopping watches, e.g. {@code validation-accuracy}. */
    public E setEarlyStopMetric(String value) {
        return with(earlyStopMetric, value);
    }

    public E setCheckpointInterval(int value) {
        return with(checkpointInterval, value);
    }

    public E setCheckpointDir(String value) {
        return with(checkpointDir, value);
    }

    public E setUseBarrierExecutionMode(boolean value) {
        return with(useBarrierExecutionMode, value);
    }

    /** Called with each finished epoch after its checkpoint (tests make the driver "die" there). */
    @SuppressWarnings("unchecked")
    E afterEpoch(IntConsumer hook) {
        this.afterEpoch = hook;
        return (E) this;
    }

    @SuppressWarnings("unchecked")
    <T> T value(Param<?> param) {
        return (T) getOrDefault(param);
    }

    private String validationColumn() {
        return isDefined(validationIndicatorCol) ? getOrDefault(validationIndicatorCol) : null;
    }

    /** The label column's reader, checking its type; {@code numClasses} for a classifier. */
    abstract LabelColumn labelColumn(StructType schema);

    /** The model's output columns. */
    abstract OutputColumns outputColumns();

    /**
     * The loss spec of the output layer, checked, for the training data's {@code shape} (null: before
     * any job, when only the names can be checked).
     */
    abstract String loss(DataShape shape);

    /** How labels become targets, from the training data's shape (the number of classes, or the standardisation). */
    abstract Targets targets(DataShape shape);

    /** The fitted model of {@code modelFile} (the trained network's model file bytes, with its target scaling). */
    abstract M model(byte[] modelFile);

    /** Checks the input columns and that the outputs are free; the fitted model's output schema. */
    @Override
    public StructType transformSchema(StructType schema) {
        labelColumn(schema);
        String validation = validationColumn();
        if (validation != null && !FeatureColumn.field(schema, validation, "validation indicator").dataType().equals(DataTypes.BooleanType)) {
            throw new DataException("validation indicator column '" + validation + "' has type "
                    + schema.apply(validation).dataType().simpleString() + "; expected boolean");
        }
        return outputColumns().append(schema, getFeaturesCol());
    }

    @Override
    public M fit(Dataset<?> dataset) {
        StructType schema = dataset.schema();
        transformSchema(schema);
        FeatureColumn features = FeatureColumn.of(schema, getFeaturesCol());
        LabelColumn labels = labelColumn(schema);
        SyncTrainer.Settings settings = settings();
        String hidden = value(layers);
        new NetworkPlan(1, hidden, 2, loss(null), value(l2), value(l1), value(seed)).builder(); // every layer spec, before any job
        settings.checkMetrics(targetsAreClasses(), validationColumn() != null);

        String validation = validationColumn();
        Column held = validation == null ? null : coalesce(col(validation), lit(false));
        JavaRDD<PackedBlock> blocks = pack(held == null ? dataset : dataset.filter(not(held)), features, labels);
        JavaRDD<PackedBlock> heldOut = held == null ? null : pack(dataset.filter(held), features, labels);
        Network network = null;
        try {
            boolean classes = targetsAreClasses();
            DataShape shape = DataShape.of(blocks, features.name(), "training", classes);
            Targets targets = targets(shape);
            if (heldOut != null) {
                checkValidation(DataShape.of(heldOut, features.name(), "validation", classes), shape, targets);
            }
            NetworkPlan plan = new NetworkPlan(shape.width(), hidden, targets.outputs(), loss(shape), value(l2), value(l1), value(seed));
            SyncTrainer.Result result = new SyncTrainer(plan, settings, targets, afterEpoch).train(blocks, shape.rows(), heldOut);
            network = result.network();
            M model = model(ModelBytes.of(network, targets.scaling()));
            copyValues(model, ParamMap.empty());
            model.setSummary(result.summary());
            return model.setParent(this);
        } catch (Exception failure) {
            throw TaskErrors.unwrap(failure);
        } finally {
            if (network != null) {
                network.close();
            }
            blocks.unpersist(false);
            if (heldOut != null) {
                heldOut.unpersist(false);
            }
        }
    }

    /** Whether labels are class indices. */
    abstract boolean targetsAreClasses();

    private JavaRDD<PackedBlock> pack(Dataset<?> rows, FeatureColumn features, LabelColumn labels) {
        Dataset<Row> columns = rows.select(getFeaturesCol(), getLabelCol());
        return columns.toJavaRDD()
                .mapPartitionsWithIndex((partition, it) -> List.of(PackedBlock.pack(partition, it, features, labels, 0)).iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    private void checkValidation(DataShape validation, DataShape training, Targets targets) {
        if (validation.width() != training.width()) {
            throw new DataException("features column '" + getFeaturesCol() + "': the validation rows have " + validation.width()
                    + " features, the training rows " + training.width());
        }
        if (targets.classes() && validation.maxLabel() >= targets.outputs()) {
            throw new DataException("label column '" + getLabelCol() + "': a validation row has label " + validation.maxLabel()
                    + ", outside the training data's classes 0.." + (targets.outputs() - 1));
        }
    }

    /** The training settings, every registry name checked (optimizer, schedule) before any job runs. */
    private SyncTrainer.Settings settings() {
        Optimizers.byName(value(optimizer), value(learningRate));
        LearningRateSchedule.parse(value(schedule));
        return new SyncTrainer.Settings(value(optimizer), value(learningRate), value(schedule), value(batchSize), value(epochs),
                value(seed), value(localSteps), value(patience), value(minDelta), value(earlyStopMetric), value(checkpointInterval),
                isDefined(checkpointDir) ? getOrDefault(checkpointDir) : null, value(useBarrierExecutionMode));
    }

    @Override
    public E copy(ParamMap extra) {
        @SuppressWarnings("unchecked")
        E copy = (E) defaultCopy(extra);
        copy.afterEpoch(afterEpoch);
        return copy;
    }
}
