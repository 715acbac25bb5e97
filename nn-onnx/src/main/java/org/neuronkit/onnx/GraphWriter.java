package org.neuronkit.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

import com.google.protobuf.ByteString;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.onnx.proto.Onnx.AttributeProto;
import org.neuronkit.onnx.proto.Onnx.GraphProto;
import org.neuronkit.onnx.proto.Onnx.NodeProto;
import org.neuronkit.onnx.proto.Onnx.TensorProto;
import org.neuronkit.onnx.proto.Onnx.TensorShapeProto;
import org.neuronkit.onnx.proto.Onnx.TypeProto;
import org.neuronkit.onnx.proto.Onnx.ValueInfoProto;

/**
 * Builds the ONNX graph of an exported network one node at a time: each call adds a node (or an
 * initializer) and returns the name of the tensor it produces, so an exporter reads like the forward
 * pass it writes, {@code x = graph.node("Relu", "layer1", x)}. Names are {@code <scope>/<op>} and made
 * unique with a counter; initializers are float32 (or int64 for shapes), stored as little-endian
 * {@code raw_data} as PyTorch's exporter stores them.
 */
final class GraphWriter {
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Map<String, Integer> used = new HashMap<>();

    GraphWriter(String name) {
        graph.setName(name);
    }

    /** A unique tensor or node name starting with {@code base}. */
    private String unique(String base) {
        int n = used.merge(base, 1, Integer::sum);
        return n == 1 ? base : base + "_" + n;
    }

    /** Adds a node {@code op(inputs…)} with the given attributes; returns its (single) output's name. */
    String node(String op, String scope, AttributeProto[] attributes, String... inputs) {
        String name = unique(scope + "/" + op);
        NodeProto.Builder node = NodeProto.newBuilder().setName(name).setOpType(op).addOutput(name);
        for (String input : inputs) {
            node.addInput(input);
        }
        for (AttributeProto attribute : attributes) {
            node.addAttribute(attribute);
        }
        graph.addNode(node);
        return name;
    }

    /** A node without attributes. */
    String node(String op, String scope, String... inputs) {
        return node(op, scope, new AttributeProto[0], inputs);
    }

    /** A float32 initializer holding {@code array}'s values in row-major order, with the given dimensions. */
    String constant(String name, INDArray array, long... dims) {
        float[] values = Nd4j.toFlattened('c', array.castTo(DataType.FLOAT)).toFloatVector();
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return initializer(name, TensorProto.DataType.FLOAT_VALUE, ByteString.copyFrom(bytes.array()), dims);
    }

    /** A layer parameter as a float32 initializer of the parameter's own shape, under its model-file name {@code name}. */
    String parameter(String name, INDArray array) {
        return constant(name, array, array.shape());
    }

    /** A float32 scalar initializer (shape []), broadcast by the element-wise ops. */
    String scalar(String name, double value) {
        ByteBuffer bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat((float) value);
        return initializer(name, TensorProto.DataType.FLOAT_VALUE, ByteString.copyFrom(bytes.array()));
    }

    /** An int64 vector initializer, e.g. the target shape of a Reshape. */
    String int64s(String name, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return initializer(name, TensorProto.DataType.INT64_VALUE, ByteString.copyFrom(bytes.array()), values.length);
    }

    private String initializer(String base, int dataType, ByteString raw, long... dims) {
        String name = unique(base);
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(dataType).setRawData(raw);
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        graph.addInitializer(tensor);
        return name;
    }

    /** Declares the graph input: float32, N × {@code features} with N symbolic. */
    void input(String name, long features) {
        graph.addInput(matrix(name, features));
    }

    /**
     * Declares the graph output: renames the tensor {@code last} (the output of the last node added) to
     * {@code name}, N × {@code width}.
     */
    void output(String last, String name, long width) {
        NodeProto.Builder node = graph.getNodeBuilder(graph.getNodeCount() - 1);
        if (!node.getOutput(0).equals(last)) {
            throw new IllegalStateException("the graph's last node writes " + node.getOutput(0) + ", not " + last);
        }
        node.setOutput(0, name);
        graph.addOutput(matrix(name, width));
    }

    GraphProto build() {
        return graph.build();
    }

    private static ValueInfoProto matrix(String name, long width) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width))
                .build();
        TypeProto type = TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    static AttributeProto floatAttribute(String name, double value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF((float) value).build();
    }

    static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto intsAttribute(String name, long... values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long value : values) {
            attribute.addInts(value);
        }
        return attribute.build();
    }
}
