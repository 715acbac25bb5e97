package org.neuronkit.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.neuronkit.ModelFileException;
import org.neuronkit.onnx.proto.Onnx.TensorProto;

/**
 * Reads the values of an ONNX constant tensor as floats: float32 or float64, stored either in
 * {@code raw_data} (little-endian, as PyTorch writes them) or in {@code float_data} /
 * {@code double_data} (as some converters write them). The element count is checked against the
 * dimensions before anything is copied, and every value must be finite (a float64 value beyond the
 * float32 range counts as infinite).
 */
final class OnnxTensors {

    /** A tensor's dimensions and its values in row-major order. */
    record Values(long[] dims, float[] data) {
        /** The dimensions as text, e.g. {@code [64, 10]}. */
        String shape() {
            return Arrays.toString(dims);
        }
    }

    private OnnxTensors() {
    }

    /**
     * @param what how error messages name the tensor, e.g. {@code node 'fc1' (Gemm): weight 'W'}
     * @throws ModelFileException for another element type, external data, or a count that does not match the dimensions
     */
    static Values read(TensorProto tensor, String what) {
        if (tensor.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new ModelFileException(what + " is stored in an external file; NeuronKit reads only tensors inside the model");
        }
        long[] dims = tensor.getDimsList().stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long dim : dims) {
            if (dim < 0 || dim > Integer.MAX_VALUE) {
                throw new ModelFileException(what + " has the dimension " + dim + " in its shape " + Arrays.toString(dims));
            }
            count *= dim;
        }
        float[] data = switch (tensor.getDataType()) {
            case TensorProto.DataType.FLOAT_VALUE -> floats(tensor, count, what);
            case TensorProto.DataType.DOUBLE_VALUE -> doubles(tensor, count, what);
            default -> throw new ModelFileException(what + " has element type " + TensorProto.DataType.forNumber(tensor.getDataType())
                    + "; NeuronKit imports FLOAT and DOUBLE tensors");
        };
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new ModelFileException(what + " holds " + data[i] + " at index " + i + "; NeuronKit imports finite weights only");
            }
        }
        return new Values(dims, data);
    }

    private static float[] floats(TensorProto tensor, long count, String what) {
        if (tensor.hasRawData()) {
            ByteBuffer raw = rawData(tensor, count, Float.BYTES, what);
            float[] data = new float[(int) count];
            raw.asFloatBuffer().get(data);
            return data;
        }
        requireCount(tensor.getFloatDataCount(), count, what);
        float[] data = new float[(int) count];
        for (int i = 0; i < data.length; i++) {
            data[i] = tensor.getFloatData(i);
        }
        return data;
    }

    private static float[] doubles(TensorProto tensor, long count, String what) {
        double[] values;
        if (tensor.hasRawData()) {
            values = new double[(int) count];
            rawData(tensor, count, Double.BYTES, what).asDoubleBuffer().get(values);
        } else {
            requireCount(tensor.getDoubleDataCount(), count, what);
            values = tensor.getDoubleDataList().stream().mapToDouble(Double::doubleValue).toArray();
        }
        float[] data = new float[values.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) values[i];
        }
        return data;
    }

    private static ByteBuffer rawData(TensorProto tensor, long count, int bytesPerValue, String what) {
        requireCount(tensor.getRawData().size() / bytesPerValue, count, what);
        if (tensor.getRawData().size() % bytesPerValue != 0) {
            throw new ModelFileException(what + " has " + tensor.getRawData().size() + " bytes of raw data, not a multiple of "
                    + bytesPerValue);
        }
        return tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void requireCount(long stored, long expected, String what) {
        if (stored != expected) {
            throw new ModelFileException(what + " holds " + stored + " values, but its shape needs " + expected);
        }
    }
}
