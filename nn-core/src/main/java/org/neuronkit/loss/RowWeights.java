package org.neuronkit.loss;

import org.nd4j.linalg.api.buffer.DataType;
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
    private INDArray castTargets;

    RowWeights(ClassWeights classes) {
        this.classes = classes;
    }

    /**
     * u (N × 1, of the data type {@code type} of the network's outputs) for targets y (N × C);
     * overwritten by the next call.
     */
    INDArray of(INDArray y, DataType type) {
        if (column == null || column.dataType() != type) {
            column = Nd4j.create(type, classes.size(), 1);
            for (int c = 0; c < classes.size(); c++) {
                column.putScalar(c, 0, classes.get(c));
            }
        }
        if (rows == null || rows.rows() != y.rows() || rows.dataType() != type) {
            rows = Nd4j.create(type, y.rows(), 1);
        }
        OpSequence pass = ops.begin();
        INDArray targets = y;
        if (y.dataType() != type) {
            if (castTargets == null || !castTargets.equalShapes(y) || castTargets.dataType() != type) {
                castTargets = Nd4j.create(type, y.shape());
            }
            pass.cast(y, castTargets);
            targets = castTargets;
        }
        if (targets.columns() == 1) {
            pass.mul(targets, classes.get(1) - classes.get(0), rows);
            pass.add(rows, classes.get(0), rows);
        } else {
            pass.gemm(targets, false, column, false, rows);
        }
        return rows;
    }
}
