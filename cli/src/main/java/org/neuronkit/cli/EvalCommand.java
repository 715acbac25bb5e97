package org.neuronkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuronkit.DataException;
import org.neuronkit.data.CsvReader;
import org.neuronkit.data.DataSet;
import org.neuronkit.eval.ConfusionMatrix;
import org.neuronkit.io.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neuronkit eval}: a saved model on a named data set's test part, or on every row of a
 * labelled CSV file: accuracy, per-class precision, recall and F1, and the confusion matrix.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a saved model: accuracy, per-class precision/recall/F1 and the confusion matrix.")
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model.safetensors (or checkpoint) written by train.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "DATA",
            description = "digits, iris, fashion-mnist or mnist (their test part), or csv:PATH (every row; label in the last column).")
    String data;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where to look for a named dataset's files first.")
    Path dataDir;

    @Option(names = "--csv-header", description = "The CSV file starts with a header line.")
    boolean csvHeader;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of the train/test split of digits and iris, as given to train (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        ModelFile.Model loaded = ModelFile.load(model);
        int classes = loaded.network().outputSize();
        DataSet test;
        List<String> names = null;
        if (data.startsWith("csv:")) {
            test = CsvReader.defaults().withHeader(csvHeader).withClasses(classes).read(Path.of(data.substring(4)));
        } else {
            NamedDataset named = NamedDataset.load(data, dataDir, System.getenv(), csvHeader, seed);
            test = named.test();
            names = named.classNamesOrIndices();
        }
        if (test.featureCount() != loaded.network().inputSize() || test.numClasses() != classes) {
            throw new DataException("the data has " + test.featureCount() + " features and " + test.numClasses() + " classes, the model "
                    + model + " expects " + loaded.network().inputSize() + " features and " + classes + " classes");
        }
        ConfusionMatrix confusion = ConfusionMatrix.of(loaded.output(test.features()), test.targets());
        if (names != null && names.size() == classes) {
            confusion = confusion.withClassNames(names);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(confusion);
        out.flush();
        return 0;
    }
}
