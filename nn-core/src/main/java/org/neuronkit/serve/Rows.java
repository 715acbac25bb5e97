package org.neuronkit.serve;

import java.lang.reflect.Array;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.DataException;

/**
 * A call's input: N rows of F raw features, as the caller gave them (Java arrays or an INDArray),
 * copied into a {@link LeanRun}'s input buffer or, for the ND4J path, made into an INDArray.
 */
abstract class Rows {
    private final int count;

    private Rows(long count) {
        if (count < 1 || count > Integer.MAX_VALUE) {
            throw new DataException("the predictor expects between 1 and 2³¹ − 1 rows, got " + count);
        }
        this.count = (int) count;
    }

    /** N. */
    final int count() {
        return count;
    }

    /** Whether {@link #copyInto} can take these rows (an INDArray of another type or order cannot). */
    abstract boolean copies();

    /** Writes the N × F values, row-major, from index 0 of {@code into}. */
    abstract void copyInto(FloatBuffer into);

    /** The rows as an N × F INDArray for the ND4J path; {@link #release} frees it. */
    abstract INDArray array();

    /** Frees what {@link #array()} made (nothing for the caller's own INDArray). */
    abstract void release(INDArray array);

    static Rows of(float[][] rows, int features) {
        requireRows(rows, features);
        return new JavaRows(rows.length) {
            @Override
            void copyInto(FloatBuffer into) {
                for (int r = 0; r < rows.length; r++) {
                    into.put(r * features, rows[r]);
                }
            }

            @Override
            INDArray array() {
                return Nd4j.create(rows);
            }
        };
    }

    static Rows of(double[][] rows, int features) {
        requireRows(rows, features);
        return new JavaRows(rows.length) {
            @Override
            void copyInto(FloatBuffer into) {
                for (int r = 0, i = 0; r < rows.length; r++) {
                    for (double value : rows[r]) {
                        into.put(i++, (float) value);
                    }
                }
            }

            @Override
            INDArray array() {
                return Nd4j.create(rows);
            }
        };
    }

    /** The caller's N × F array (checked by the predictor); copied when it is FLOAT, row-major and dense. */
    static Rows of(INDArray x) {
        return new Rows(x.rows()) {
            @Override
            boolean copies() {
                return denseFloat(x);
            }

            @Override
            void copyInto(FloatBuffer into) {
                FloatBuffer values = x.data().asNioFloat();
                into.put(0, values, (int) x.offset(), (int) x.length());
            }

            @Override
            INDArray array() {
                return x;
            }

            @Override
            void release(INDArray array) {
            }
        };
    }

    /** Whether the N × F (or N × C) matrix is FLOAT, row-major and dense: its values one run of floats from its offset. */
    static boolean denseFloat(INDArray x) {
        return x.dataType() == DataType.FLOAT && x.ordering() == 'c' && x.elementWiseStride() == 1 && x.stride(0) == x.columns();
    }

    /** Fails naming the first row that is missing or has another length than F ({@code rows}: a float[][] or double[][]). */
    private static void requireRows(Object[] rows, int features) {
        if (rows == null) {
            throw new DataException("the rows are null");
        }
        for (int r = 0; r < rows.length; r++) {
            int n = rows[r] == null ? -1 : Array.getLength(rows[r]);
            if (n != features) {
                throw new DataException("row " + r + (n < 0 ? " is null" : " has " + n + " values") + "; the predictor expects "
                        + features + " features per row");
            }
        }
    }

    /** Rows in Java arrays: always copied; for the ND4J path made into a new INDArray, closed after the call. */
    private abstract static class JavaRows extends Rows {
        JavaRows(int count) {
            super(count);
        }

        @Override
        boolean copies() {
            return true;
        }

        @Override
        void release(INDArray array) {
            array.close();
        }
    }
}
