package org.neuronkit.data;

import java.util.List;

/**
 * Which columns of a CSV file a {@link CsvReader} reads, and how: the label column by header name
 * (null: by index), the columns to leave out (header names or numbers counted from 1), what a missing
 * value does, and whether numbers have a decimal comma (null: detected).
 */
record CsvColumns(String labelName, List<String> ignored, Missing missing, Boolean decimalComma) {
    static final CsvColumns DEFAULTS = new CsvColumns(null, List.of(), Missing.ERROR, null);

    CsvColumns {
        ignored = List.copyOf(ignored);
    }

    CsvColumns withLabelName(String name) {
        return new CsvColumns(name, ignored, missing, decimalComma);
    }

    CsvColumns withIgnored(List<String> columns) {
        return new CsvColumns(labelName, columns, missing, decimalComma);
    }

    CsvColumns withMissing(Missing policy) {
        return new CsvColumns(labelName, ignored, policy, decimalComma);
    }

    CsvColumns withDecimalComma(boolean comma) {
        return new CsvColumns(labelName, ignored, missing, comma);
    }
}
