package org.neuronkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.neuronkit.data.CsvReader;
import org.neuronkit.data.UnknownCategory;
import org.neuronkit.data.DataSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.eval.ConfusionMatrix;
import org.neuronkit.eval.RegressionErrors;
import org.neuronkit.io.DataSplit;
import org.neuronkit.io.ModelFile;
import org.neuronkit.serve.Predictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neuronkit eval}: a saved model on a named data set's test part, or on every row of a
 * labelled CSV file: for a classifier accuracy, per-class precision, recall and F1, and the confusion
 * matrix (with the class names the model records); for a regression model (identity outputs) RMSE,
 * MAE and R² over its target columns, the CSV file's last columns. A model
 * that records its data split ({@link DataSplit}) is evaluated on its own test part unless another
 * {@code --seed} or other data are given; which rows are used is said on standard error. A CSV file is read
 * with the CSV options the model's run recorded, unless given here, and the model's input encoding
 * (categories one-hot, missing values filled with its training means).
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a saved model: accuracy, per-class precision/recall/F1 and the confusion matrix; RMSE, MAE and R²"
                + " for a regression model.")
final class EvalCommand implements Callable<Integer> {
    /** The split seed of train's default, for models that record no split. */
    private static final long DEFAULT_SEED = 42;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--unknown-category", defaultValue = "error", paramLabel = "WHAT",
            description = "A category the model did not see in training: error (default) or ignore (all zeros, with a warning).")
    String unknownCategory;

    @Option(names = "--seed", paramLabel = "SEED",
            description = "Seed of the train/test split of digits, iris and csv: data (default: the seed the model records, else 42).")
    Long seed;

    @Override
    public Integer call() {
        Path model = modelOption.file();
        ModelFile.Model loaded = modelOption.load();
        String data = dataOptions.data == null ? null : NamedDataset.csvSpec(dataOptions.data);
        boolean csvHeader = dataOptions.csvHeader();
        boolean regression = Task.of(loaded.network()) == Task.REGRESSION;
        int classes = Task.outputNames(loaded.network());
        DataSplit split = loaded.split();
        if (data == null && split == null) {
            throw new ConfigurationException("--data is needed: the model " + model + " does not record the data it was trained on");
        }
        String dataset = data != null ? data : split.dataset();
        boolean own = split != null && sameData(dataset, split.dataset());
        long splitSeed = seed != null ? seed : own ? split.seed() : DEFAULT_SEED;
        PrintWriter err = spec.commandLine().getErr();
        DataSet test;
        List<String> names = null;
        if (dataset.startsWith("csv:") && !own) {
            CsvReader reader = modelOption.labelledCsvReader(loaded, dataOptions.columns, csvHeader, UnknownCategory.parse(unknownCategory));
            test = reader.read(Path.of(dataset.substring(4)));
            err.println("evaluating on every row of " + dataset.substring(4));
        } else {
            TrainSettings recorded = modelOption.recordedSettings();
            CsvOptions csv = dataOptions.columns.over(recorded == null ? null : recorded.data().csv());
            NamedDataset named = NamedDataset.load(dataset, dataDir(model, own), System.getenv(), csvHeader, splitSeed,
                    regression ? classes : 0, csv);
            if (own) {
                requireTheSplitsRows(split, (long) named.train().size() + named.test().size(), dataset);
            }
            test = named.test();
            names = named.classNamesOrIndices();
            err.println("evaluating on the test part of " + dataset + " (split seed " + splitSeed
                    + (own && seed == null ? ", the model's own split)" : ")"));
            if (own && splitSeed != split.seed()) {
                err.println("warning: the model was trained with split seed " + split.seed() + "; with seed " + splitSeed
                        + " the test part holds samples it was trained on");
            }
        }
        err.flush();
        if (!loaded.outputNames().isEmpty()) {
            names = loaded.outputNames();
        }
        if (regression) {
            return printRegression(loaded, test, names);
        }
        if (test.featureCount() != loaded.network().inputSize()) {
            throw new DataException("the data " + dataset + " has " + Plural.of(test.featureCount(), "feature") + ", the model " + model
                    + " expects " + loaded.network().inputSize());
        }
        if (test.numClasses() != classes) {
            throw new DataException("the data " + dataset + " has " + test.numClasses() + " classes, the model " + model
                    + " has " + classes);
        }
        ConfusionMatrix confusion = ConfusionMatrix.of(output(loaded, test), test.targets());
        if (names != null && names.size() == classes) {
            confusion = confusion.withClassNames(names);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(confusion);
        out.flush();
        return 0;
    }

    /** RMSE, MAE and R² of a regression model over all target columns, then per column. */
    private int printRegression(ModelFile.Model loaded, DataSet test, List<String> names) {
        int targets = loaded.network().outputSize();
        if (test.featureCount() != loaded.network().inputSize() || test.targets().columns() != targets) {
            throw new DataException("the data has " + test.featureCount() + " features and " + test.targets().columns()
                    + " targets, the regression model " + modelOption.file() + " expects " + loaded.network().inputSize()
                    + " features and " + targets + " targets");
        }
        INDArray predicted = output(loaded, test);
        PrintWriter out = spec.commandLine().getOut();
        out.println("regression on " + test.size() + " samples: " + RegressionErrors.of(predicted, test.targets()));
        for (int k = 0; targets > 1 && k < targets; k++) {
            String name = names != null && names.size() == targets ? names.get(k) : "target" + (k + 1);
            out.println("  " + name + ": " + RegressionErrors.of(predicted.getColumns(k), test.targets().getColumns(k)));
        }
        out.flush();
        return 0;
    }

    /**
     * {@code --data-dir}, else, for the model's own data, the data folder its run recorded in
     * {@code settings.json} beside the model (null when there is none).
     */
    private Path dataDir(Path model, boolean own) {
        TrainSettings recorded = dataOptions.dataDir != null || !own ? null : modelOption.recordedSettings();
        return recorded == null || recorded.data().dataDir() == null ? dataOptions.dataDir : Path.of(recorded.data().dataDir());
    }


    /**
     * @throws DataException when the data set no longer has the rows the model's split was made of (rows were added or
     *         removed since): its test part by the seed would now hold samples the model was trained on
     */
    static void requireTheSplitsRows(DataSplit split, long rows, String dataset) {
        if (split.rows() > 0 && rows != split.rows()) {
            throw new DataException("the data " + dataset + " has " + rows + " rows now; the model was trained on a split of its "
                    + split.rows() + ", so the test part by seed " + split.seed() + " would hold rows it was trained on: evaluate on a"
                    + " file of new rows (--data), or train again");
        }
    }

    /** Whether two data set names denote the same data ({@code csv:} paths compared as absolute paths). */
    static boolean sameData(String given, String recorded) {
        if (given.startsWith("csv:") && recorded.startsWith("csv:")) {
            return Path.of(given.substring(4)).toAbsolutePath().normalize().equals(Path.of(recorded.substring(4)).toAbsolutePath().normalize());
        }
        return given.trim().equalsIgnoreCase(recorded.trim());
    }

    /** The model's outputs for the test features, through a {@link Predictor} as a service would get them. */
    private static INDArray output(ModelFile.Model loaded, DataSet test) {
        try (Predictor predictor = Predictor.of(loaded)) {
            return predictor.output(test.features());
        }
    }
}
