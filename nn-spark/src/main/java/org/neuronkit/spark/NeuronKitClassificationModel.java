package org.neuronkit.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.neuronkit.io.ModelFile;
import org.neuronkit.network.Network;

/**
 * A fitted NeuronKit classifier as a Spark ML {@link Model} (a Transformer): appends the predicted
 * class (double) and the class probabilities (vector) to a DataFrame with a features column.
 *
 * <p>{@link #transform} works per partition ({@link PartitionScorer}): each partition builds one
 * network from the broadcast model-file bytes and scores its rows in batched forward passes; nothing
 * is collected to the driver. The network is held as the bytes of a NeuronKit model file, and
 * {@link #write()} stores that file as {@code <path>/data/model.safetensors}, which
 * {@code neuronkit eval}, {@code neuronkit predict} and {@link ModelFile#load} read as they are.
 */
public final class NeuronKitClassificationModel extends Model<NeuronKitClassificationModel>
        implements ScoringParams<NeuronKitClassificationModel>, MLWritable {
    private final String uid;
    private final byte[] modelFile;
    private final int numFeatures;
    private final int numClasses;
    private final Param<String> featuresCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;

    /** A model of the network in {@code modelFile}, the bytes of a NeuronKit model file. */
    public NeuronKitClassificationModel(String uid, byte[] modelFile) {
        this.uid = uid;
        this.modelFile = modelFile.clone();
        Network network = ModelBytes.load(this.modelFile).network();
        this.numFeatures = network.inputSize();
        this.numClasses = network.outputSize();
        featuresCol = ScoringParams.featuresCol(this);
        predictionCol = ScoringParams.predictionCol(this);
        probabilityCol = ScoringParams.probabilityCol(this);
        ScoringParams.setDefaults(this);
    }

    public static MLReader<NeuronKitClassificationModel> read() {
        return new ModelReader();
    }

    public static NeuronKitClassificationModel load(String path) {
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

    @Override
    public Param<String> predictionCol() {
        return predictionCol;
    }

    @Override
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    /** D, the number of features the network takes. */
    public int numFeatures() {
        return numFeatures;
    }

    /** C, the number of classes. */
    public int numClasses() {
        return numClasses;
    }

    /** The bytes of the NeuronKit model file (a copy). */
    public byte[] modelFile() {
        return modelFile.clone();
    }

    /** A new network with the fitted parameters, for use outside Spark. */
    public Network network() {
        return ModelBytes.load(modelFile).network();
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return OutputColumns.of(this).append(schema, getFeaturesCol());
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType output = transformSchema(dataset.schema());
        FeatureColumn features = FeatureColumn.of(dataset.schema(), getFeaturesCol());
        int column = dataset.schema().fieldIndex(getFeaturesCol());
        Broadcast<byte[]> model = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext()).broadcast(modelFile);
        return dataset.toDF().mapPartitions(new PartitionScorer(model, features, column, numFeatures), Encoders.row(output));
    }

    @Override
    public NeuronKitClassificationModel copy(ParamMap extra) {
        NeuronKitClassificationModel copy = new NeuronKitClassificationModel(uid, modelFile);
        return copyValues(copy, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new ModelWriter(this);
    }
}
