package org.neuronkit.cli;

import java.util.List;
import org.neuronkit.data.CsvReader;
import org.neuronkit.data.Missing;

/**
 * How the command line reads a CSV data set's columns, beyond its header: the label column
 * ({@code --label-column NAME|NUMBER}, null for the last), the columns left out ({@code --ignore-columns}),
 * what a missing value does ({@code --missing error|drop|mean}), whether numbers have a decimal comma
 * ({@code --decimal-comma}; else detected in {@code ;} files) and the feature columns read as categories
 * ({@code --categorical-columns}; else a column whose first value is text). Saved in a run's settings, where
 * {@code predict} and {@code eval} find them; null there (a run saved before these options) means the defaults.
 */
record CsvOptions(String labelColumn, List<String> ignoreColumns, String missing, boolean decimalComma, List<String> categoricalColumns) {
    static final CsvOptions DEFAULTS = new CsvOptions(null, List.of(), Missing.ERROR.toString(), false, List.of());

    CsvOptions {
        ignoreColumns = ignoreColumns == null ? List.of() : List.copyOf(ignoreColumns);
        missing = missing == null ? Missing.ERROR.toString() : Missing.parse(missing).toString();
        categoricalColumns = categoricalColumns == null ? List.of() : List.copyOf(categoricalColumns);
    }

    /** {@code reader} with these options. */
    CsvReader applyTo(CsvReader reader) {
        CsvReader read = labelColumn == null ? reader : reader.withLabelColumn(labelColumn);
        read = read.withIgnoredColumns(ignoreColumns).withMissing(missingPolicy()).withCategoricalColumns(categoricalColumns);
        return decimalComma ? read.withDecimalComma(true) : read;
    }

    Missing missingPolicy() {
        return Missing.parse(missing);
    }

    /** These options with another missing-value policy. */
    CsvOptions withMissing(Missing policy) {
        return new CsvOptions(labelColumn, ignoreColumns, policy.toString(), decimalComma, categoricalColumns);
    }

    /** {@code options}, or the defaults for null. */
    static CsvOptions orDefaults(CsvOptions options) {
        return options == null ? DEFAULTS : options;
    }
}
