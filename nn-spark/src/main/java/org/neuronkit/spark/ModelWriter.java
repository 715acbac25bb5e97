package org.neuronkit.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLWriter;

/**
 * Saves a {@link NeuronKitModel} the Spark ML way, so {@code Pipeline.save} works: the
 * params as Spark's JSON metadata under {@code <path>/metadata}, and the network as a NeuronKit model
 * file at {@code <path>/data/model.safetensors} (any Hadoop file system: local, HDFS, S3...).
 */
final class ModelWriter extends MLWriter {
    static final String MODEL_FILE = "data/model.safetensors";
    private final NeuronKitModel<?> model;

    ModelWriter(NeuronKitModel<?> model) {
        this.model = model;
    }

    @Override
    public void saveImpl(String path) {
        DefaultParamsWriter.saveMetadata(model, path, sparkSession());
        Path file = new Path(path, MODEL_FILE);
        try {
            FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
            try (OutputStream out = fs.create(file, false)) {
                out.write(model.modelFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model file " + file + ": " + e.getMessage(), e);
        }
    }
}
