package org.neuronkit.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.BiFunction;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;

/** Loads what {@link ModelWriter} saved: the params from the metadata, the network from the model file. */
final class ModelReader<M extends NeuronKitModel<M>> extends MLReader<M> {
    private final Class<M> type;
    private final BiFunction<String, byte[], M> factory;

    /** @param factory makes the model from its uid and the model file's bytes */
    ModelReader(Class<M> type, BiFunction<String, byte[], M> factory) {
        this.type = type;
        this.factory = factory;
    }

    @Override
    public M load(String path) {
        DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(), type.getName());
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
        M model = factory.apply(metadata.uid(), bytes);
        metadata.getAndSetParams(model, scala.Option.empty());
        return model;
    }
}
