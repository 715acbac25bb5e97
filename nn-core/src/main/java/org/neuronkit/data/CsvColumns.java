package org.neuronkit.data;

import java.util.List;

/**
 * Which columns of a CSV file a {@link CsvReader} reads, and how: the label column by header name
 * (null: by index), the columns to leave out (header names or numbers counted from 1), what a missing
 * value does, whether numbers have a decimal comma (null: detected), the feature columns stated
 * categorical, a model's fixed {@link InputEncoding} (null: the columns are detected and their
 * categories gathered), what an unknown category does, and whether every feature must be a number (a
 * model without an encoding).
 */
record CsvColumns(String labelName, List<String> ignored, Missing missing, Boolean decimalComma, List<String> categorical,
        InputEncoding encoding, UnknownCategory unknown, boolean numericOnly) {
    static final CsvColumns DEFAULTS = new CsvColumns(null, List.of(), Missing.ERROR, null, List.of(), null, UnknownCategory.ERROR, false);

    CsvColumns {
        ignored = List.copyOf(ignored);
        categorical = List.copyOf(categorical);
    }

    CsvColumns withLabelName(String name) {
        return new CsvColumns(name, ignored, missing, decimalComma, categorical, encoding, unknown, numericOnly);
    }

    CsvColumns withIgnored(List<String> columns) {
        return new CsvColumns(labelName, columns, missing, decimalComma, categorical, encoding, unknown, numericOnly);
    }

    CsvColumns withMissing(Missing policy) {
        return new CsvColumns(labelName, ignored, policy, decimalComma, categorical, encoding, unknown, numericOnly);
    }

    CsvColumns withDecimalComma(boolean comma) {
        return new CsvColumns(labelName, ignored, missing, comma, categorical, encoding, unknown, numericOnly);
    }

    CsvColumns withCategorical(List<String> columns) {
        return new CsvColumns(labelName, ignored, missing, decimalComma, columns, encoding, unknown, numericOnly);
    }

    CsvColumns numeric() {
        return new CsvColumns(labelName, ignored, missing, decimalComma, categorical, null, unknown, true);
    }

    CsvColumns withEncoding(InputEncoding fixed, UnknownCategory policy) {
        return new CsvColumns(labelName, ignored, missing, decimalComma, categorical, fixed, policy, numericOnly);
    }
}
