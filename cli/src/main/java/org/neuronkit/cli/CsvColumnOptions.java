package org.neuronkit.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** The CSV column options of the commands that read labelled CSV data (a picocli mixin), as {@link CsvOptions}. */
final class CsvColumnOptions {
    @Option(names = "--label-column", paramLabel = "NAME|NUMBER",
            description = "The CSV file's label column: a header name, or its number counted from 1 (-1: the last; default: the last).")
    String labelColumn;

    @Option(names = "--ignore-columns", split = ",", paramLabel = "COLUMN[,COLUMN…]", hideParamSyntax = true,
            description = "CSV columns to leave out (e.g. an id), by header name or number counted from 1.")
    List<String> ignoreColumns;

    @Option(names = "--missing", defaultValue = "error", paramLabel = "WHAT",
            description = "A missing CSV value (empty, NA, N/A, ?): error (default), drop (leave out its row), mean (fill in the column's mean).")
    String missing;

    @Option(names = "--decimal-comma", description = "The CSV file writes numbers with a decimal comma (1,5); detected in ';' files.")
    boolean decimalComma;

    CsvOptions settings() {
        return new CsvOptions(labelColumn, ignoreColumns, missing, decimalComma);
    }
}
