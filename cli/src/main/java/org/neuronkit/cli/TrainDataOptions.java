package org.neuronkit.cli;

import java.nio.file.Path;
import org.neuronkit.data.Normalizers;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train}'s data options (a picocli mixin): the shared {@link DataOptions} and how the data are split, limited and normalised, and the task. */
final class TrainDataOptions {
    static final String DEFAULT_DATA = "digits";

    @Mixin
    DataOptions source;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
            description = "Use only the first N training and N test samples, for quick trials (default: all).")
    int limit;

    @Option(names = "--normalize", paramLabel = "KIND", completionCandidates = Normalizers.Names.class,
            description = "${COMPLETION-CANDIDATES}, fitted on the training split (default: per dataset).")
    String normalize;

    @Option(names = "--validation", paramLabel = "FRACTION",
            description = "Share of the training data held out for validation and early stopping (default: 0.1, or 0 with --stream).")
    Double validation;

    @Option(names = "--stream", paramLabel = "ROWS", defaultValue = "0",
            description = "Stream the training file (fashion-mnist, mnist, csv:PATH) through a shuffle buffer of ROWS rows instead of "
                    + "loading it: memory stays bounded by the buffer. No validation split; the normaliser is fitted on the file's first ROWS rows.")
    int stream;

    @Option(names = "--test-data", paramLabel = "csv:PATH",
            description = "With --stream and a csv: dataset: the labelled test set (same layout as the training file).")
    String testData;

    @Option(names = "--task", defaultValue = "classification", paramLabel = "TASK",
            description = "classification (default) or regression: with a csv:PATH data set (or diabetes), the last --targets columns "
                    + "are real-valued targets; identity outputs; report.json gives test RMSE, MAE and R².")
    String task;

    @Option(names = "--targets", defaultValue = "1", paramLabel = "K",
            description = "With --task regression: the last K columns of the CSV file are the targets (default: ${DEFAULT-VALUE}).")
    int targets;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "0",
            description = "K-fold cross-validation: K runs in OUT/fold-1 … OUT/fold-K, each validating on one fold of the training data "
                    + "(stratified for classes) and training on the others, and OUT/cv-summary.json (mean ± std of each validation metric). "
                    + "Takes no --validation (default: 0, off).")
    int folds;

    /** The data settings; a {@code csv:} path is saved absolute, so that {@code --resume} finds the file from any working directory. */
    TrainSettings.Data settings() {
        if (folds != 0 && validation != null) {
            throw new org.neuronkit.ConfigurationException("--folds " + folds + " validates on each fold in turn; it takes no --validation "
                    + validation + " (drop one of them)");
        }
        String dataset = NamedDataset.csvSpec(source.dataOr(DEFAULT_DATA));
        return new TrainSettings.Data(absoluteCsv(dataset), source.dataDir == null ? null : source.dataDir.toAbsolutePath().toString(),
                source.csvHeader(), limit, normalize != null ? normalize : NamedDataset.defaultNormalizer(dataset),
                validation != null ? validation : stream > 0 || folds > 0 ? 0 : 0.1, stream,
                testData == null ? null : absoluteCsv(NamedDataset.csvSpec(testData)), Task.parse(task).toString(), targets, source.csv(),
                folds, 0);
    }

    private static String absoluteCsv(String spec) {
        return spec.startsWith("csv:") ? "csv:" + Path.of(spec.substring(4)).toAbsolutePath() : spec;
    }
}
