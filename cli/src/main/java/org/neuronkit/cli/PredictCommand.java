package org.neuronkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.neuronkit.data.CsvReader;
import org.neuronkit.io.AtomicFiles;
import org.neuronkit.io.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neuronkit predict}: the most probable class of each row of a CSV file of raw features
 * (normalised by the model's own normaliser), with its probability: one line {@code class,probability}
 * per row, to standard output or to {@code --output} (written whole, then renamed into place; checked
 * to be writable before anything is read).
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Predict the class of each row of a CSV file of features; prints 'class,probability' per row.")
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model.safetensors (or checkpoint) written by train.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE.csv",
            description = "One row of raw features per sample (no label column), comma-separated; may be gzipped.")
    Path input;

    @Option(names = "--csv-header", description = "The input starts with a header line.")
    boolean csvHeader;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the predictions here instead of to standard output.")
    Path output;

    @Override
    public Integer call() {
        if (output != null) {
            checkWritable(output);
        }
        ModelFile.Model loaded = ModelFile.load(model);
        INDArray x = CsvReader.defaults().withHeader(csvHeader).readFeatures(input);
        if (x.columns() != loaded.network().inputSize()) {
            throw new DataException("file " + input + " has " + x.columns() + " columns, but the model " + model + " expects "
                    + loaded.network().inputSize() + " features per row");
        }
        INDArray probabilities = loaded.output(x);
        int[] classes = Nd4j.argMax(probabilities, 1).toIntVector();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < classes.length; i++) {
            if (!Double.isFinite(probabilities.getDouble(i, classes[i]))) {
                throw new DataException("file " + input + ", row " + (i + 1) + ": the model's outputs are not finite (NaN or"
                        + " infinity); the row's values may be far outside the range of the training data");
            }
            text.append(String.format(Locale.ROOT, "%d,%.6f%n", classes[i], probabilities.getDouble(i, classes[i])));
        }
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        } else {
            write(text.toString());
        }
        return 0;
    }

    /** Fails before anything is read unless {@code file} is a file name (not a folder) in a folder this process can write. */
    private static void checkWritable(Path file) {
        if (file.toString().isBlank() || Files.isDirectory(file)) {
            throw new ConfigurationException("--output " + file + " is " + (file.toString().isBlank() ? "empty" : "a folder")
                    + ": give the name of the file to write");
        }
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.delete(Files.createTempFile(dir, ".write-test", ".tmp"));
        } catch (IOException e) {
            throw new ConfigurationException("cannot write " + file + ": folder " + dir + " is not writable ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private void write(String text) {
        AtomicFiles.write(output, text.getBytes(StandardCharsets.UTF_8), ConfigurationException::new);
    }
}
