package org.neuronkit.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuronkit.ConfigurationException;
import org.neuronkit.data.DataSet;
import org.neuronkit.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neuronkit data export}: the first rows of a data set's training or test part as a CSV file of
 * raw features, one row per line, as {@code predict --data} reads them; {@code --labels} adds the label
 * (the class name, or a regression's targets) as the last column, as {@code eval --data} reads them.
 * The parts are those {@code train} uses (split seed {@code --seed}).
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write rows of a data set's training or test part as CSV: raw features, as predict reads them.")
final class DataExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--split", defaultValue = "test", paramLabel = "PART", description = "train or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--rows", defaultValue = "100", paramLabel = "N", description = "The first N rows of the part (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED", description = "Seed of the train/test split, as train's (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--labels", description = "Add each row's label (class name) or targets as the last column(s), for eval.")
    boolean labels;

    @Option(names = "--task", defaultValue = "classification", paramLabel = "TASK", description = "classification (default) or regression.")
    String task;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV file to write (replaced atomically).")
    java.nio.file.Path out;

    @Override
    public Integer call() {
        if (!split.equals("train") && !split.equals("test")) {
            throw new ConfigurationException("--split is train or test, not '" + split + "'");
        }
        if (rows < 1) {
            throw new ConfigurationException("--rows must be at least 1, got " + rows);
        }
        String data = dataOptions.dataOr(TrainDataOptions.DEFAULT_DATA);
        OutputPaths.requireNotAnInput("--out", out, java.util.Map.of("--data", java.nio.file.Path.of(data.startsWith("csv:") ? data.substring(4) : data)));
        NamedDataset named = NamedDataset.load(data, dataOptions.dataDir, System.getenv(),
                dataOptions.csvHeader(), seed, Task.parse(task) == Task.REGRESSION ? 1 : 0, dataOptions.csv());
        DataSet part = split.equals("train") ? named.train() : named.test();
        int n = Math.min(rows, part.size());
        List<String> names = named.classNamesOrIndices();
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < n; i++) {
            StringBuilder line = new StringBuilder();
            for (double v : part.features().getRow(i).toDoubleVector()) {
                line.append(line.length() == 0 ? "" : ",").append(number(v));
            }
            if (labels && part.isClassification()) {
                line.append(',').append(Csv.cell(names.get(part.labels()[i])));
            } else if (labels) {
                for (double v : part.targets().getRow(i).toDoubleVector()) {
                    line.append(',').append(number(v));
                }
            }
            csv.append(line).append('\n');
        }
        AtomicFiles.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf(Locale.ROOT, "wrote %s: %s of the %s part of %s, %d features%s%n", out, Plural.of(n, "row"), split, named.name(),
                part.featureCount(), labels ? " and the label" : "");
        printer.flush();
        return 0;
    }

    /** An integral value without a fraction ({@code 255}), others in Java's shortest float form. */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Float.toString((float) v);
    }
}
