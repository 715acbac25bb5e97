package org.neuronkit.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.DataException;
import org.neuronkit.eval.Decision;

/**
 * The CSV text of {@code predict}: a header, then per row the {@code top} most probable classes, each as
 * {@code class,name,probability} (columns {@code class_k,name_k,probability_k} when {@code top} > 1),
 * and with {@code probabilities} one column {@code p_<name>} per class. Names with a comma or a quote
 * are quoted (RFC 4180). A single logistic output ŷ (N × 1) is the two classes' probabilities 1 − ŷ and ŷ,
 * class 1 first when they tie (ŷ = 0.5), as {@link Decision} rules.
 */
record PredictionTable(List<String> classNames, int top, boolean probabilities) {

    /** The table of the N × C probabilities (or N × 1: P(class 1)); {@code source} names the input in the error on a non-finite output. */
    String format(INDArray probabilityMatrix, String source) {
        StringBuilder text = new StringBuilder(String.join(",", header())).append('\n');
        double[][] rows = probabilityMatrix.toDoubleMatrix();
        boolean single = probabilityMatrix.columns() == 1;
        for (int i = 0; i < rows.length; i++) {
            for (double v : rows[i]) {
                requireFinite(v, source, i);
            }
            double[] p = single ? new double[] {1 - rows[i][0], rows[i][0]} : rows[i];
            List<String> cells = new ArrayList<>();
            for (int c : ranked(p, single)) {
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

    /** The indices of the {@code top} largest probabilities, largest first (ties: the lower index first, the higher for a single output). */
    private int[] ranked(double[] p, boolean single) {
        return IntStream.range(0, p.length).boxed().sorted(Comparator.comparingDouble((Integer c) -> -p[c]).thenComparing(c -> single ? -c : c))
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
