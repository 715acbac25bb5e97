package org.neuronkit.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.google.protobuf.ByteString;

import org.junit.jupiter.api.Test;
import org.neuronkit.ModelFileException;
import org.neuronkit.onnx.proto.Onnx.TensorProto;

/** Constant tensors in each storage form read back as the values written; malformed ones are named. */
class OnnxTensorsTest {

    private static TensorProto.Builder tensor(int type, long... dims) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName("t").setDataType(type);
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        return tensor;
    }

    @Test
    void doublesInRawDataAndInDoubleDataAreRoundedToFloats() {
        ByteBuffer raw = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.1).putDouble(-2.5);
        TensorProto inRaw = tensor(TensorProto.DataType.DOUBLE_VALUE, 2).setRawData(ByteString.copyFrom(raw.array())).build();
        TensorProto listed = tensor(TensorProto.DataType.DOUBLE_VALUE, 1, 2).addDoubleData(0.1).addDoubleData(-2.5).build();
        assertArrayEquals(new float[] {0.1f, -2.5f}, OnnxTensors.read(inRaw, "t").data());
        assertArrayEquals(new float[] {0.1f, -2.5f}, OnnxTensors.read(listed, "t").data());
    }

    @Test
    void floatsInFloatData() {
        TensorProto listed = tensor(TensorProto.DataType.FLOAT_VALUE, 3).addFloatData(1f).addFloatData(2f).addFloatData(-3f).build();
        assertArrayEquals(new float[] {1f, 2f, -3f}, OnnxTensors.read(listed, "t").data());
    }

    @Test
    void aCountThatDoesNotMatchTheShapeIsNamed() {
        TensorProto shortTensor = tensor(TensorProto.DataType.FLOAT_VALUE, 2, 3).addFloatData(1f).build();
        ModelFileException e = assertThrows(ModelFileException.class, () -> OnnxTensors.read(shortTensor, "weight 'W'"));
        assertTrue(e.getMessage().equals("weight 'W' holds 1 values, but its shape needs 6"), e.getMessage());
    }

    @Test
    void anIntegerTensorIsNamedWithItsType() {
        TensorProto ints = tensor(TensorProto.DataType.INT32_VALUE, 1).addInt32Data(4).build();
        ModelFileException e = assertThrows(ModelFileException.class, () -> OnnxTensors.read(ints, "bias 'b'"));
        assertTrue(e.getMessage().startsWith("bias 'b' has element type INT32"), e.getMessage());
    }
}
