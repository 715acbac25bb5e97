package org.neuronkit.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ops.OpSequence;

/**
 * The weight u_n = w_{y⁽ⁿ⁾} of each row of a batch's targets, in a reused N × 1 buffer: for one-hot
 * rows (N × C, C ≥ 2) u = y w, the product with the C × 1 column of class weights; for a single
 * 0/1 column (N × 1) u = w₀ + (w₁ − w₀) y.
 */
final class RowWeights {
    private final ClassWeights classes;
    private final OpSequence ops = new OpSequence();
    private INDArray column;
    private INDArray rows;

    RowWeights(ClassWeights classes) {
        this.classes = classes;
    }

    /** u (N × 1) for targets y (N × C); overwritten by the next call. */
    INDArray of(INDArray y) {
        if (column == null || column.dataType() != y.dataType()) {
            column = Nd4j.create(y.dataType(), classes.size(), 1);
            for (int c = 0; c < classes.size(); c++) {
                column.putScalar(c, 0, classes.get(c));
            }
        }
        if (rows == null || rows.rows() != y.rows() || rows.dataType() != y.dataType()) {
            rows = Nd4j.create(y.dataType(), y.rows(), 1);
        }
        OpSequence pass = ops.begin();
        if (y.columns() == 1) {
            pass.mul(y, classes.get(1) - classes.get(0), rows);
            pass.add(rows, classes.get(0), rows);
        } else {
            pass.gemm(y, false, column, false, rows);
        }
        return rows;
    }
}
