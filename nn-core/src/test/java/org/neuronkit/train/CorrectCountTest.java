package org.neuronkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class CorrectCountTest {

    /** Against an arg-max written out in Java, over several batches and both data types. */
    @Test
    void countsRowsWhoseLargestProbabilityIsTheLabel() {
        Random random = new Random(3);
        CorrectCount count = new CorrectCount();
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int rows : new int[] {17, 17, 5}) {
                double[][] p = new double[rows][4];
                int[] label = new int[rows];
                INDArray y = Nd4j.zeros(type, rows, 4);
                long expected = 0;
                for (int n = 0; n < rows; n++) {
                    int best = 0;
                    for (int c = 0; c < 4; c++) {
                        p[n][c] = random.nextDouble();
                        if (p[n][c] > p[n][best]) {
                            best = c;
                        }
                    }
                    label[n] = random.nextInt(4);
                    y.putScalar(n, label[n], 1.0);
                    expected += best == label[n] ? 1 : 0;
                }
                assertEquals(expected, count.of(Nd4j.create(p).castTo(type), y), type + ", " + rows + " rows");
            }
        }
    }

    /** A tie for the largest probability counts, in both data types, and FLOAT rows read from a view at an offset. */
    @Test
    void aTieCountsAndAViewIsReadFromItsOffset() {
        CorrectCount count = new CorrectCount();
        double[][] p = {{0.9, 0.05, 0.05}, {0.4, 0.4, 0.2}, {0.1, 0.2, 0.7}, {0.3, 0.3, 0.4}, {0.5, 0.25, 0.25}};
        double[][] y = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}, {1, 0, 0}};
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            assertEquals(4, count.of(Nd4j.create(p).castTo(type), Nd4j.create(y).castTo(type)), type.toString());
            INDArray rows1to4 = Nd4j.create(p).castTo(type).get(NDArrayIndex.interval(1, 5), NDArrayIndex.all());
            INDArray targets1to4 = Nd4j.create(y).castTo(type).get(NDArrayIndex.interval(1, 5), NDArrayIndex.all());
            assertEquals(3, count.of(rows1to4, targets1to4), type + " view");
        }
    }
}
