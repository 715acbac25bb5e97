package org.neuronkit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.neuronkit.FileWriteException;
import org.neuronkit.cli.chart.AttributionMaps;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.CsvReader;
import org.neuronkit.data.DataSet;
import org.neuronkit.data.UnknownCategory;
import org.neuronkit.explain.Attributions;
import org.neuronkit.explain.Baseline;
import org.neuronkit.explain.Explainer;
import org.neuronkit.explain.FeatureImportance;
import org.neuronkit.explain.Importances;
import org.neuronkit.io.DataSplit;
import org.neuronkit.io.ModelFile;
import org.neuronkit.serve.Predictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neuronkit explain}: what a saved model relies on, on rows of a data set's test part (the
 * model's own split when it records one) or of a labelled CSV file, through {@link Explainer}.
 * <ul>
 * <li>{@code --method ig} (default): integrated gradients of the first {@code --rows} rows for their
 * predicted class, from {@code --baseline} (zeros for images, the training mean otherwise); one line per row with F(x), F(x′), Σ IG and the
 * completeness error. For image sets (digits, mnist, fashion-mnist) {@code --out DIR} gets
 * {@code attributions.png}, each input beside its heat map; for other data the features ranked by
 * mean |IG| are printed and written to {@code DIR/integrated-gradients.csv}.</li>
 * <li>{@code --method permutation}: the drop in accuracy (R² for regression) when each feature is
 * shuffled, {@code --repeats} times from {@code --seed}, ranked, printed and written to
 * {@code DIR/permutation-importance.csv}.</li>
 * </ul>
 */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Explain a saved model's predictions: integrated gradients (heat maps for images, a ranked feature table"
                + " otherwise) or permutation importance per feature.")
final class ExplainCommand implements Callable<Integer> {
    /** The split seed of train's default, for models that record no split. */
    private static final long DEFAULT_SPLIT_SEED = 42;
    /** Rows explained by integrated gradients unless --rows says otherwise. */
    private static final int DEFAULT_IG_ROWS = 8;
    /** Features printed; the CSV file has all. */
    private static final int PRINTED_FEATURES = 20;
    static final String MAPS = "attributions.png";
    static final String IG_TABLE = "integrated-gradients.csv";
    static final String PERMUTATION_TABLE = "permutation-importance.csv";

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--method", defaultValue = "ig", paramLabel = "METHOD",
            description = "ig (integrated gradients, default) or permutation (permutation importance).")
    String method;

    @Option(names = "--steps", defaultValue = "200", paramLabel = "M",
            description = "Integrated gradients: trapezoid steps along the path from the baseline (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--baseline", paramLabel = "BASELINE",
            description = "Integrated gradients: zeros (a blank image; the default for image sets) or mean (the mean of the training"
                    + " part's raw rows; the default otherwise).")
    String baseline;

    @Option(names = "--rows", paramLabel = "N",
            description = "The first N rows of the data: explained by ig (default " + DEFAULT_IG_ROWS + "), shuffled by permutation"
                    + " (default all).")
    Integer rows;

    @Option(names = "--repeats", defaultValue = "5", paramLabel = "R",
            description = "Permutation importance: shuffles per feature (default: ${DEFAULT-VALUE}); the table gives mean and std.")
    int repeats;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED", description = "Permutation importance: the shuffles' seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the heat maps (images) or the ranked table (CSV) into this folder.")
    Path out;

    /** The rows explained and what is known about them. */
    private record Rows(String description, DataSet data, DataSet train, List<String> featureNames, int[] imageShape) {
    }

    @Override
    public Integer call() {
        boolean permutation = switch (method.trim().toLowerCase(Locale.ROOT)) {
            case "ig" -> false;
            case "permutation" -> true;
            default -> throw new ConfigurationException("unknown --method '" + method + "'; known: ig, permutation");
        };
        String baselineName = baseline == null ? null : baseline.trim().toLowerCase(Locale.ROOT);
        if (baselineName != null && !baselineName.equals("zeros") && !baselineName.equals("mean")) {
            throw new ConfigurationException("unknown --baseline '" + baseline + "'; known: zeros, mean");
        }
        if (rows != null && rows < 1) {
            throw new ConfigurationException("--rows " + rows + ": give at least 1 row");
        }
        if (out != null) {
            prepareOut();
        }
        ModelFile.Model loaded = modelOption.load();
        Rows data = rows(loaded);
        PrintWriter stdout = spec.commandLine().getOut();
        try (Predictor predictor = Predictor.of(loaded)) {
            Explainer explainer = new Explainer(predictor);
            if (permutation) {
                permutationImportance(explainer, data, stdout);
            } else {
                boolean mean = baselineName == null ? data.imageShape() == null : baselineName.equals("mean");
                integratedGradients(explainer, predictor, data, stdout, mean ? Baseline.mean(data.train().features()) : Baseline.zeros());
            }
        }
        stdout.flush();
        return 0;
    }

    private void integratedGradients(Explainer explainer, Predictor predictor, Rows data, PrintWriter stdout, Baseline from) {
        DataSet explained = NamedDataset.first(data.data(), rows == null ? DEFAULT_IG_ROWS : rows);
        INDArray x = explained.features();
        Attributions ig = explainer.integratedGradients(x, from, steps);
        List<String> classes = predictor.classNames();
        stdout.printf("integrated gradients of %d rows of %s, %d steps from baseline %s%n", explained.size(), data.description(), steps, from);
        stdout.printf("%4s  %-12s  %10s  %10s  %10s  %10s%n", "row", "explained", "F(x)", "F(x')", "sum IG", "|error|");
        for (int n = 0; n < explained.size(); n++) {
            stdout.printf(Locale.ROOT, "%4d  %-12s  %10.6f  %10.6f  %10.6f  %10.2e%n", n, classes.get(ig.classes()[n]), ig.outputs()[n],
                    ig.baselineOutputs()[n], ig.values().getRow(n).sumNumber().doubleValue(), ig.completenessError(n));
        }
        if (data.imageShape() != null) {
            if (out == null) {
                stdout.println("give --out DIR for the heat maps");
                return;
            }
            List<AttributionMaps.Example> examples = new ArrayList<>();
            for (int n = 0; n < explained.size(); n++) {
                String truth = explained.isClassification() ? " (label " + classes.get(explained.labels()[n]) + ")" : "";
                examples.add(new AttributionMaps.Example(x.getRow(n).toDoubleVector(), ig.values().getRow(n).toDoubleVector(),
                        String.format(Locale.ROOT, "%s p=%.3f%s", classes.get(ig.classes()[n]), ig.outputs()[n], truth)));
            }
            Path png = out.resolve(MAPS);
            AttributionMaps.write(png, data.imageShape()[0], data.imageShape()[1], examples,
                    "integrated gradients, " + steps + " steps from " + from + ": red raises p(class), blue lowers it");
            stdout.println("wrote " + png);
            return;
        }
        List<FeatureRanking.Entry> entries = new ArrayList<>();
        for (int i = 0; i < x.columns(); i++) {
            INDArray column = ig.values().getColumn(i);
            entries.add(new FeatureRanking.Entry(i, data.featureNames().get(i), column.ameanNumber().doubleValue(),
                    column.meanNumber().doubleValue()));
        }
        table(new FeatureRanking("mean_abs_ig", "mean_ig", entries), IG_TABLE, stdout);
    }

    private void permutationImportance(Explainer explainer, Rows data, PrintWriter stdout) {
        DataSet shuffled = rows == null ? data.data() : NamedDataset.first(data.data(), rows);
        Importances importances = explainer.permutationImportance(shuffled, repeats, seed);
        stdout.printf(Locale.ROOT, "permutation importance on %d rows of %s: %s %.6f unshuffled; %d shuffles per feature, seed %d%n",
                shuffled.size(), data.description(), importances.metric(), importances.score(), repeats, seed);
        List<FeatureRanking.Entry> entries = new ArrayList<>();
        for (FeatureImportance f : importances.features()) {
            entries.add(new FeatureRanking.Entry(f.feature(), data.featureNames().get(f.feature()), f.mean(), f.std()));
        }
        String metric = importances.metric().equals("accuracy") ? "accuracy_drop" : "r2_drop";
        table(new FeatureRanking(metric, "std", entries), PERMUTATION_TABLE, stdout);
    }

    private void table(FeatureRanking ranking, String file, PrintWriter stdout) {
        stdout.print(ranking.text(PRINTED_FEATURES));
        if (out != null) {
            Path csv = out.resolve(file);
            ranking.writeCsv(csv);
            stdout.println("wrote " + csv);
        }
    }

    /**
     * The rows: a labelled CSV file's (its test part when it is the model's own data, else every
     * row), or a named set's test part (with the model's split seed when it records one).
     */
    private Rows rows(ModelFile.Model loaded) {
        DataSplit split = loaded.split();
        if (dataOptions.data == null && split == null) {
            throw new ConfigurationException("--data is needed: the model " + modelOption.file() + " does not record the data it was trained on");
        }
        String dataset = dataOptions.data != null ? NamedDataset.csvSpec(dataOptions.data) : split.dataset();
        boolean own = split != null && EvalCommand.sameData(dataset, split.dataset());
        long splitSeed = own ? split.seed() : DEFAULT_SPLIT_SEED;
        int outputs = loaded.network().outputSize();
        boolean regression = Task.of(loaded.network()) == Task.REGRESSION;
        Rows found;
        if (dataset.startsWith("csv:")) {
            CsvReader reader = modelOption.labelledCsvReader(loaded, dataOptions.columns, dataOptions.csvHeader(), UnknownCategory.ERROR);
            CsvReader.CsvData read = reader.readNamed(Path.of(dataset.substring(4)));
            if (own) {
                EvalCommand.requireTheSplitsRows(split, read.data().size(), dataset);
            }
            DataSet.Split parts = own ? read.data().split(NamedDataset.TRAIN_FRACTION, splitSeed) : null;
            found = own ? new Rows("the test part of " + dataset.substring(4) + " (split seed " + splitSeed + ")", parts.test(), parts.train(),
                    read.encoding().featureNames(), null)
                    : new Rows("every row of " + dataset.substring(4), read.data(), read.data(), read.encoding().featureNames(), null);
        } else {
            NamedDataset named = NamedDataset.load(dataset, dataOptions.dataDir, System.getenv(), dataOptions.csvHeader(), splitSeed,
                    regression ? outputs : 0, dataOptions.csv());
            if (own) {
                EvalCommand.requireTheSplitsRows(split, (long) named.train().size() + named.test().size(), dataset);
            }
            List<String> names = dataset.trim().equalsIgnoreCase(NamedDataset.DIABETES) ? BundledDatasets.diabetes().encoding().featureNames()
                    : IntStream.rangeClosed(1, named.test().featureCount()).mapToObj(i -> "x" + i).toList();
            found = new Rows("the test part of " + dataset + " (split seed " + splitSeed + ")", named.test(), named.train(), names,
                    NamedDataset.imageShape(dataset));
        }
        if (found.data().featureCount() != loaded.network().inputSize()) {
            throw new DataException("the data " + dataset + " have " + Plural.of(found.data().featureCount(), "feature") + ", the model "
                    + modelOption.file() + " expects " + loaded.network().inputSize());
        }
        return found;
    }

    /** Creates --out (and its parents) if needed; it must not be a file or the model. */
    private void prepareOut() {
        OutputPaths.requireNotAnInput("--out", out, Map.of("--model", modelOption.file()));
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new FileWriteException("--out " + out + " is a file; give a folder");
        }
        try {
            Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new FileWriteException("--out " + out + ": cannot create the folder: " + e.getMessage(), e);
        }
    }
}
