package org.neuronkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.neuronkit.io.AtomicFiles;
import org.neuronkit.io.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neuronkit predict}: for each row of a CSV file of raw features (normalised by the model's own
 * normaliser) a classifier's most probable class, with its probability: one line
 * {@code class,probability} per row, the class as the name the model records (e.g. {@code setosa}, or
 * the original label of a file whose labels were mapped), else its index; a regression model's
 * predicted targets, one column each under a header line of the target names. Written to standard
 * output or to {@code --output} (written whole, then renamed into place; checked to be writable
 * before anything is read).
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Predict the class of each row of a CSV file of features ('class,probability' per row), or a regression"
                + " model's targets (a header of target names, then one row of values per input row).")
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
        INDArray x = NamedDataset.csvReader(csvHeader).readFeatures(input);
        if (x.columns() != loaded.network().inputSize()) {
            throw new DataException("file " + input + " has " + x.columns() + " columns, but the model " + model + " expects "
                    + loaded.network().inputSize() + " features per row");
        }
        INDArray outputs = loaded.output(x);
        String text = Task.of(loaded.network()) == Task.REGRESSION ? targets(outputs, loaded.outputNames())
                : classes(outputs, loaded.outputNames());
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        } else {
            write(text);
        }
        return 0;
    }

    /** Lines {@code class,probability}: the most probable class (its name if {@code names} has one per class). */
    private String classes(INDArray probabilities, List<String> names) {
        int[] classes = Nd4j.argMax(probabilities, 1).toIntVector();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < classes.length; i++) {
            double p = probabilities.getDouble(i, classes[i]);
            requireFinite(p, i);
            String name = names.size() == probabilities.columns() ? quoted(names.get(classes[i])) : Integer.toString(classes[i]);
            text.append(name).append(String.format(Locale.ROOT, ",%.6f%n", p));
        }
        return text.toString();
    }

    /** A header of the target names (target1… if the model records none), then one line of predicted targets per row. */
    private String targets(INDArray predicted, List<String> names) {
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < predicted.columns(); k++) {
            text.append(k == 0 ? "" : ",").append(names.size() == predicted.columns() ? quoted(names.get(k)) : "target" + (k + 1));
        }
        text.append(System.lineSeparator());
        for (int i = 0; i < predicted.rows(); i++) {
            for (int k = 0; k < predicted.columns(); k++) {
                double value = predicted.getDouble(i, k);
                requireFinite(value, i);
                text.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6g", value));
            }
            text.append(System.lineSeparator());
        }
        return text.toString();
    }

    private void requireFinite(double value, int row) {
        if (!Double.isFinite(value)) {
            throw new DataException("file " + input + ", row " + (row + 1) + ": the model's outputs are not finite (NaN or"
                    + " infinity); the row's values may be far outside the range of the training data");
        }
    }

    /** A CSV cell: quoted (with doubled quotes) when it holds a delimiter or a quote. */
    private static String quoted(String cell) {
        return cell.matches(".*[,;\t\"].*") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
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
