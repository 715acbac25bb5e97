package org.neuronkit.spark;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.io.ModelFile;
import org.neuronkit.network.Network;
import org.neuronkit.serve.Predictor;

/**
 * A fitted NeuronKit network as a Spark ML {@link Model} (a Transformer). The network is held as the
 * bytes of a NeuronKit model file; {@link #write()} stores that file as
 * {@code <path>/data/model.safetensors}, which {@code neuronkit eval}, {@code neuronkit predict} and
 * {@link ModelFile#load} read as they are.
 *
 * <p>Scoring goes through {@link Predictor}: {@link #transform} broadcasts the model file, and each
 * executor JVM loads it once into a Predictor shared by all its tasks ({@link ExecutorPredictors},
 * keyed by the model's uid and the file's SHA-256); each partition streams its rows through it in
 * batches of {@value PartitionScorer#BATCH}. Nothing is collected to the driver.
 *
 * @param <M> the model class
 */
public abstract class NeuronKitModel<M extends NeuronKitModel<M>> extends Model<M> implements ScoringParams<M>, MLWritable {
    private final String uid;
    private final byte[] modelFile;
    private final String key;
    private final int numFeatures;
    private final int numOutputs;
    private final Param<String> featuresCol;
    private final Param<String> predictionCol;
    private NeuronKitTrainingSummary summary;

    protected NeuronKitModel(String uid, byte[] modelFile) {
        this.uid = uid;
        this.modelFile = modelFile.clone();
        this.key = uid + ":" + sha256(this.modelFile);
        Predictor predictor = predictor();
        this.numFeatures = predictor.inputSize();
        this.numOutputs = predictor.outputSize();
        featuresCol = ScoringParams.featuresCol(this);
        predictionCol = ScoringParams.predictionCol(this);
        ScoringParams.setDefaults(this);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    /** D, the number of features the network takes. */
    public int numFeatures() {
        return numFeatures;
    }

    /** The network's outputs: C classes, or 1 for a regression. */
    int numOutputs() {
        return numOutputs;
    }

    /** The bytes of the NeuronKit model file (a copy). */
    public byte[] modelFile() {
        return modelFile.clone();
    }

    /** A new network with the fitted parameters, for use outside Spark (the caller closes it). */
    public Network network() {
        return ModelBytes.load(modelFile).network();
    }

    /** Whether the model has the summary of the fit that made it (a loaded model has none). */
    public boolean hasSummary() {
        return summary != null;
    }

    /** The per-epoch history of the fit that made this model. */
    public NeuronKitTrainingSummary summary() {
        if (summary == null) {
            throw new IllegalStateException("no training summary is available for this " + getClass().getSimpleName()
                    + " (it was loaded, not fitted)");
        }
        return summary;
    }

    void setSummary(NeuronKitTrainingSummary summary) {
        this.summary = summary;
    }

    /** Gives {@code copy} this model's summary (a copy of a fitted model keeps it). */
    void copySummaryTo(NeuronKitModel<?> copy) {
        copy.summary = summary;
    }

    /** This JVM's shared predictor of the model. */
    Predictor predictor() {
        return ExecutorPredictors.get(key, () -> modelFile);
    }

    /** The network's output row for one feature vector, through this JVM's {@link Predictor}. */
    float[] output(Vector features) {
        if (features.size() != numFeatures) {
            throw new org.neuronkit.DataException("the features vector has " + features.size() + " entries; the model takes " + numFeatures);
        }
        float[] row = new float[numFeatures];
        FeatureColumn.copy(features, row, 0, "features", "the vector");
        try (INDArray x = Nd4j.create(row, new long[] {1, numFeatures}, 'c'); INDArray y = predictor().output(x)) {
            return y.toFloatVector();
        }
    }

    /** What this model appends to a row from the network's output row: the output columns' values. */
    abstract RowScorer scorer();

    /** The output columns this model appends. */
    abstract OutputColumns outputColumns();

    @Override
    public StructType transformSchema(StructType schema) {
        return outputColumns().append(schema, getFeaturesCol());
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType output = transformSchema(dataset.schema());
        FeatureColumn features = FeatureColumn.of(dataset.schema(), getFeaturesCol());
        int column = dataset.schema().fieldIndex(getFeaturesCol());
        Broadcast<byte[]> bytes = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext()).broadcast(modelFile);
        return dataset.toDF().mapPartitions(new PartitionScorer(key, bytes, features, column, numFeatures, scorer()), Encoders.row(output));
    }

    @Override
    public MLWriter write() {
        return new ModelWriter(this);
    }
}
