package org.neuronkit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.neuronkit.data.CsvReader;
import org.neuronkit.data.UnknownCategory;
import org.neuronkit.eval.Decision;
import org.neuronkit.io.AtomicFiles;
import org.neuronkit.io.ModelFile;
import org.neuronkit.serve.Predictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neuronkit predict}: the most probable classes of each row of a CSV file of raw features
 * (normalised by the model's own normaliser), as CSV with a header: {@code class,name,probability}
 * per row ({@link PredictionTable}); for a regression model, the predicted targets under a header of
 * their names ({@link TargetTable}). To standard output or to {@code --output} (written whole, then
 * renamed into place; checked to be writable before anything is read). {@code --data -} reads the rows
 * from standard input.
 *
 * <p>The rows are read as the model's training read its CSV file: the CSV options its run recorded in
 * {@code settings.json} beside the model ({@code --ignore-columns}, {@code --label-column}, {@code --decimal-comma},
 * {@code --csv-header}, …) apply unless given here; a label column, if the rows have one, is left out. A model
 * with categorical columns encodes them as in training ({@code --unknown-category} says what an unseen category
 * does); one trained with {@code --missing mean} fills missing values with its training means.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Predict the class of each row of a CSV file of features (CSV with a header: class,name,probability), or a"
                + " regression model's targets (a header of target names, then one row of values per input row).")
final class PredictCommand implements Callable<Integer> {
    static final String STDIN = "-";

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Option(names = {"--data", "--input"}, required = true, paramLabel = "DATA",
            description = "csv:PATH or PATH: one row of raw features per sample (no label column), comma-separated, may be gzipped; "
                    + "- for standard input.")
    String data;

    @Mixin
    CsvHeaderOption header;

    @Mixin
    CsvColumnOptions columns;

    @Option(names = "--unknown-category", defaultValue = "error", paramLabel = "WHAT",
            description = "A category the model did not see in training: error (default, naming row, column and value) or ignore"
                    + " (all zeros in that column's one-hot features, with a warning).")
    String unknownCategory;

    @Option(names = "--top", defaultValue = "1", paramLabel = "K",
            description = "The K most probable classes per row, most probable first (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--probabilities", description = "Also every class's probability, one column per class (p_<name>).")
    boolean probabilities;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the predictions here instead of to standard output.")
    Path output;

    @Override
    public Integer call() {
        if (output != null) {
            checkWritable(output);
            OutputPaths.requireNotAnInput("--output", output, Map.of("--model", modelOption.file(), "--data", Path.of(source())));
        }
        ModelFile.Model loaded = modelOption.load();
        boolean regression = Task.of(loaded.network()) == Task.REGRESSION;
        int classes = Decision.classes(loaded.network().outputSize());
        for (String option : List.of("--top", "--probabilities")) {
            if (regression && spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ConfigurationException(option + " is for classes, and " + modelOption.file() + " is a regression model: predict"
                        + " writes its targets' values");
            }
        }
        if (!regression && (top < 1 || top > classes)) {
            throw new ConfigurationException("--top " + top + ": the model has " + classes + " classes, so K must be between 1 and " + classes);
        }
        String source = source();
        CsvReader reader = modelOption.csvReader(loaded, columns, header.csvHeader, UnknownCategory.parse(unknownCategory), true);
        INDArray x = source.equals(STDIN) ? readStandardInput(reader) : reader.readFeatures(Path.of(source));
        String name = source.equals(STDIN) ? "standard input" : "file " + source;
        if (x.columns() != loaded.network().inputSize()) {
            throw new DataException(name + " has " + x.columns() + " columns, but the model " + modelOption.file() + " expects "
                    + loaded.network().inputSize() + " features per row");
        }
        INDArray yHat;
        try (Predictor predictor = Predictor.of(loaded)) {
            yHat = predictor.output(x);
        }
        String text = regression ? new TargetTable(loaded.outputNames()).format(yHat, name)
                : new PredictionTable(ClassNames.of(modelOption.file(), loaded, classes), top, probabilities).format(yHat, name);
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        } else {
            AtomicFiles.write(output, text.getBytes(StandardCharsets.UTF_8));
        }
        return 0;
    }

    /** The path --data names, without a {@code csv:} prefix ({@value #STDIN} for standard input). */
    private String source() {
        return data.startsWith("csv:") ? data.substring(4) : data;
    }

    /** The rows on standard input, copied to a temporary file for the reader; its messages name "standard input". */
    private INDArray readStandardInput(CsvReader reader) {
        Path file = null;
        try {
            file = Files.createTempFile("neuronkit-predict", ".csv");
            try (InputStream in = System.in) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return reader.readFeatures(file);
        } catch (DataException e) {
            throw new DataException(e.getMessage().replace("file " + file, "standard input"), e);
        } catch (IOException e) {
            throw new DataException("standard input: cannot read: " + e.getMessage(), e);
        } finally {
            deleteQuietly(file);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temporary file left behind is harmless
        }
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
}
