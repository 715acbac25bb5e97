package org.neuronkit.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;

/** Loads what {@link ModelWriter} saved: the params from the metadata, the network from the model file. */
final class ModelReader extends MLReader<NeuronKitClassificationModel> {

    @Override
    public NeuronKitClassificationModel load(String path) {
        DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(),
                NeuronKitClassificationModel.class.getName());
        Path file = new Path(path, ModelWriter.MODEL_FILE);
        byte[] bytes;
        try {
            FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
            try (InputStream in = fs.open(file)) {
                bytes = in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model file " + file + ": " + e.getMessage(), e);
        }
        NeuronKitClassificationModel model = new NeuronKitClassificationModel(metadata.uid(), bytes);
        metadata.getAndSetParams(model, scala.Option.empty());
        return model;
    }
}
