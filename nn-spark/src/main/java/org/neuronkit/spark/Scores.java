package org.neuronkit.spark;

/** Small conversions of a network's output row. */
final class Scores {
    private Scores() {
    }

    /** The index of the largest entry (the first one on ties). */
    static int argMax(float[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }

    static double[] doubles(float[] row) {
        double[] out = new double[row.length];
        for (int c = 0; c < row.length; c++) {
            out[c] = row[c];
        }
        return out;
    }
}
