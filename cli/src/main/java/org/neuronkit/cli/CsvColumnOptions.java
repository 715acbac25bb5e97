package org.neuronkit.cli;

import java.util.List;
import picocli.CommandLine.Option;

/**
 * The CSV column options of the commands that read CSV data (a picocli mixin), as {@link CsvOptions}. An
 * option not given is null, so that {@code predict} and {@code eval} can fall back to what the model's run
 * recorded ({@link #over}); {@code train} gets the defaults.
 */
final class CsvColumnOptions {
    @Option(names = "--label-column", paramLabel = "NAME|NUMBER",
            description = "The CSV file's label column: a header name, or its number counted from 1 (-1: the last; default: the last).")
    String labelColumn;

    @Option(names = "--ignore-columns", split = ",", paramLabel = "COLUMN[,COLUMN…]", hideParamSyntax = true,
            description = "CSV columns to leave out (e.g. an id), by header name or number counted from 1.")
    List<String> ignoreColumns;

    @Option(names = "--missing", paramLabel = "WHAT",
            description = "A missing CSV value (empty, NA, N/A, ?): error (default), drop (leave out its row), mean (fill in the"
                    + " column's mean over the training split, kept in the model for predict).")
    String missing;

    @Option(names = "--decimal-comma", description = "The CSV file writes numbers with a decimal comma (1,5); detected in ';' files.")
    Boolean decimalComma;

    @Option(names = "--categorical-columns", split = ",", paramLabel = "COLUMN[,COLUMN…]", hideParamSyntax = true,
            description = "CSV feature columns whose cells are categories (one-hot), by header name or number counted from 1;"
                    + " a column whose first value is text is categorical without it.")
    List<String> categoricalColumns;

    /** The options given, the defaults for those not given. */
    CsvOptions settings() {
        return over(CsvOptions.DEFAULTS);
    }

    /** The options given, and {@code recorded}'s (null: the defaults) for those not given. */
    CsvOptions over(CsvOptions recorded) {
        CsvOptions base = CsvOptions.orDefaults(recorded);
        return new CsvOptions(labelColumn != null ? labelColumn : base.labelColumn(),
                ignoreColumns != null ? ignoreColumns : base.ignoreColumns(), missing != null ? missing : base.missing(),
                decimalComma != null ? decimalComma : base.decimalComma(),
                categoricalColumns != null ? categoricalColumns : base.categoricalColumns());
    }
}
