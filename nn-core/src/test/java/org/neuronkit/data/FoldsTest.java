package org.neuronkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;

/** {@link Folds}: a partition (disjoint, covering every row), stratified within one per class and fold, and splits that match it. */
class FoldsTest {

    /** 103 rows whose feature is the row's index, labels 0 (50 rows), 1 (37), 2 (16). */
    private static DataSet imbalanced() {
        int n = 103;
        double[][] x = new double[n][1];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = i;
            labels[i] = i < 50 ? 0 : i < 87 ? 1 : 2;
        }
        return DataSet.ofClasses(x, labels, 3);
    }

    @Test
    void foldsPartitionTheRowsAndAreStratifiedWithinOne() {
        DataSet data = imbalanced();
        int k = 5;
        Folds folds = Folds.of(data, k, 7);
        int[] fold = folds.foldOfRow();
        int[][] perClass = new int[k][3];
        for (int row = 0; row < data.size(); row++) {
            perClass[fold[row]][data.labels()[row]]++;
        }
        for (int c = 0; c < 3; c++) {
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int f = 0; f < k; f++) {
                min = Math.min(min, perClass[f][c]);
                max = Math.max(max, perClass[f][c]);
            }
            assertTrue(max - min <= 1, "class " + c + ": " + min + " to " + max + " rows per fold");
        }
        Set<Integer> seen = new HashSet<>();
        int sizeMin = Integer.MAX_VALUE;
        int sizeMax = 0;
        for (int f = 0; f < k; f++) {
            DataSet.Split split = folds.split(f);
            assertEquals(data.size(), split.train().size() + split.test().size());
            Set<Integer> held = new HashSet<>();
            for (double v : split.test().features().toDoubleVector()) {
                held.add((int) v);
                assertEquals(f, fold[(int) v], "row " + (int) v + " is validated in its own fold");
            }
            for (double v : split.train().features().toDoubleVector()) {
                assertTrue(!held.contains((int) v), "row " + (int) v + " both trains and validates in fold " + f);
            }
            for (int row : held) {
                assertTrue(seen.add(row), "row " + row + " in two folds");
            }
            sizeMin = Math.min(sizeMin, held.size());
            sizeMax = Math.max(sizeMax, held.size());
        }
        assertEquals(data.size(), seen.size(), "every row in a fold");
        assertTrue(sizeMax - sizeMin <= 1, "fold sizes " + sizeMin + " to " + sizeMax);
    }

    @Test
    void regressionFoldsArePlainAndSeeded() {
        DataSet data = DataSet.ofTargets(Nd4j.arange(10).reshape(10, 1), Nd4j.arange(10).reshape(10, 1));
        int[] a = Folds.of(data, 3, 1).foldOfRow();
        int[] counts = new int[3];
        for (int f : a) {
            counts[f]++;
        }
        assertEquals(java.util.List.of(4, 3, 3), java.util.List.of(counts[0], counts[1], counts[2]));
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(Folds.of(data, 3, 1).foldOfRow()), "the same seed, the same folds");
        assertEquals("--folds takes between 2 and the 10 training samples, got 11",
                assertThrows(ConfigurationException.class, () -> Folds.of(data, 11, 1)).getMessage());
    }
}
