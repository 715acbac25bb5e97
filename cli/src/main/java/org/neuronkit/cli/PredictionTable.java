package org.neuronkit.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.DataException;

/**
 * The CSV text of {@code predict}: a header, then per row the {@code top} most probable classes, each as
 * {@code class,name,probability} (columns {@code class_k,name_k,probability_k} when {@code top} > 1),
 * and with {@code probabilities} one column {@code p_<name>} per class. Names with a comma or a quote
 * are quoted (RFC 4180).
 */
record PredictionTable(List<String> classNames, int top, boolean probabilities) {

    /** The table of the N × C probabilities; {@code source} names the input in the error on a non-finite output. */
    String format(INDArray probabilityMatrix, String source) {
        StringBuilder text = new StringBuilder(String.join(",", header())).append('\n');
        double[][] rows = probabilityMatrix.toDoubleMatrix();
        for (int i = 0; i < rows.length; i++) {
            double[] p = rows[i];
            for (double v : p) {
                requireFinite(v, source, i);
            }
            List<String> cells = new ArrayList<>();
            for (int c : ranked(p)) {
                cells.add(Integer.toString(c));
                cells.add(quoted(classNames.get(c)));
                cells.add(number(p[c]));
            }
            if (probabilities) {
                for (double v : p) {
                    cells.add(number(v));
                }
            }
            text.append(String.join(",", cells)).append('\n');
        }
        return text.toString();
    }

    List<String> header() {
        List<String> header = new ArrayList<>();
        for (int k = 1; k <= top; k++) {
            String suffix = top == 1 ? "" : "_" + k;
            header.addAll(List.of("class" + suffix, "name" + suffix, "probability" + suffix));
        }
        if (probabilities) {
            classNames.forEach(name -> header.add(quoted("p_" + name)));
        }
        return header;
    }

    /** The indices of the {@code top} largest probabilities, largest first (ties: the lower index first). */
    private int[] ranked(double[] p) {
        return IntStream.range(0, p.length).boxed().sorted(Comparator.comparingDouble((Integer c) -> -p[c]).thenComparing(c -> c))
                .limit(top).mapToInt(Integer::intValue).toArray();
    }

    private static String number(double p) {
        return String.format(Locale.ROOT, "%.6f", p);
    }

    /** Fails naming {@code source} and the row (0-based {@code row}) when a model output is NaN or infinite. */
    static void requireFinite(double output, String source, int row) {
        if (!Double.isFinite(output)) {
            throw new DataException(source + ", row " + (row + 1) + ": the model's outputs are not finite (NaN or"
                    + " infinity); the row's values may be far outside the range of the training data");
        }
    }

    static String quoted(String cell) {
        return cell.contains(",") || cell.contains("\"") || cell.contains("\n") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
