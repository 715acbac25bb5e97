package org.neuronkit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options naming a data set, the same in {@code train} and {@code eval} (a picocli mixin):
 * {@code --data DATA} (alias {@code --dataset}), {@code --data-dir DIR} and {@code --csv-header}.
 */
final class DataOptions {
    @Option(names = {"--data", "--dataset"}, paramLabel = "DATA", completionCandidates = NamedDataset.Names.class,
            description = "A data set: " + NamedDataset.NAMES + " (label in the last column). "
                    + "train: default digits (bundled); eval: default the data the model was trained on.")
    String data;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where to look for a named data set's files first; then $NEURONKIT_DATA, then "
                    + NamedDataset.SYSTEM_DATASETS + "/<name>.")
    Path dataDir;

    @Mixin
    CsvHeaderOption header;

    @Mixin
    CsvColumnOptions columns;

    /** {@code --data}, or {@code fallback} when it was not given. */
    String dataOr(String fallback) {
        return data == null ? fallback : data;
    }

    boolean csvHeader() {
        return header.csvHeader;
    }

    /** The CSV column options given. */
    CsvOptions csv() {
        return columns.settings();
    }
}
