package org.neuronkit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The CSV text of {@code predict} for a regression model: a header of the K target names (those the
 * model records, else {@code target1} … {@code targetK}), then one row of K predicted values per input
 * row.
 */
record TargetTable(List<String> targetNames) {

    /** The table of the N × K predictions; {@code source} names the input in the error on a non-finite output. */
    String format(INDArray predicted, String source) {
        int targets = (int) predicted.columns();
        List<String> header = new ArrayList<>();
        for (int k = 0; k < targets; k++) {
            header.add(targetNames.size() == targets ? PredictionTable.quoted(targetNames.get(k)) : "target" + (k + 1));
        }
        StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
        double[][] rows = predicted.toDoubleMatrix();
        for (int i = 0; i < rows.length; i++) {
            List<String> cells = new ArrayList<>();
            for (double value : rows[i]) {
                PredictionTable.requireFinite(value, source, i);
                cells.add(String.format(Locale.ROOT, "%.6g", value));
            }
            text.append(String.join(",", cells)).append('\n');
        }
        return text.toString();
    }
}
