package org.neuronkit.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import com.google.protobuf.ByteString;

import org.neuronkit.onnx.proto.Onnx.AttributeProto;
import org.neuronkit.onnx.proto.Onnx.GraphProto;
import org.neuronkit.onnx.proto.Onnx.ModelProto;
import org.neuronkit.onnx.proto.Onnx.NodeProto;
import org.neuronkit.onnx.proto.Onnx.OperatorSetIdProto;
import org.neuronkit.onnx.proto.Onnx.TensorProto;
import org.neuronkit.onnx.proto.Onnx.TensorShapeProto;
import org.neuronkit.onnx.proto.Onnx.TypeProto;
import org.neuronkit.onnx.proto.Onnx.ValueInfoProto;

/**
 * Builds ONNX MLP graphs in the layouts other exporters write, with random weights, written here
 * independently of {@link GraphWriter}: PyTorch's {@code nn.Linear} as {@code Gemm} with
 * {@code transB = 1} and the weight out × in in {@code raw_data}; Keras's {@code Dense} (tf2onnx) as
 * {@code MatMul} with the weight in × out followed by {@code Add}, values in {@code float_data}.
 */
final class MlpGraph {
    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("mlp");
    private final Random random;
    private String current = "input";
    private int width;
    private int nodes;

    MlpGraph(int features, long seed) {
        this.width = features;
        this.random = new Random(seed);
        graph.addInput(matrix("input", features));
    }

    /** PyTorch's Linear: Gemm(X, W [out, in], b [out]) with transB = 1, weights as raw_data. */
    MlpGraph linear(int out) {
        String w = rawFloats("fc" + nodes + ".weight", out, width);
        String b = rawFloats("fc" + nodes + ".bias", out);
        return node("Gemm", new AttributeProto[] {floatAttribute("alpha", 1), floatAttribute("beta", 1), intAttribute("transB", 1)},
                w, b).width(out);
    }

    /** Gemm with transB = 0 (B is in × out), α, β ≠ 1 and the bias C as a [1, out] tensor in float_data. */
    MlpGraph gemmScaled(int out, float alpha, float beta) {
        String w = rawFloats("gemm" + nodes + ".B", width, out);
        String c = listedFloats("gemm" + nodes + ".C", 1, out);
        return node("Gemm", new AttributeProto[] {floatAttribute("alpha", alpha), floatAttribute("beta", beta)}, w, c).width(out);
    }

    /** Keras's Dense as tf2onnx writes it: MatMul(X, W [in, out]) then Add(·, b), values in float_data. */
    MlpGraph dense(int out) {
        String w = listedFloats("dense" + nodes + "/kernel", width, out);
        node("MatMul", new AttributeProto[0], w);
        return node("Add", new AttributeProto[0], listedFloats("dense" + nodes + "/bias", out)).width(out);
    }

    /** A node on the current tensor with the given attributes and constant inputs. */
    MlpGraph node(String op, AttributeProto[] attributes, String... constants) {
        String output = "/" + op.toLowerCase() + nodes + "/output_0";
        NodeProto.Builder node = NodeProto.newBuilder().setName("/" + op.toLowerCase() + nodes + "/" + op).setOpType(op)
                .addInput(current).addOutput(output);
        for (String constant : constants) {
            node.addInput(constant);
        }
        for (AttributeProto attribute : attributes) {
            node.addAttribute(attribute);
        }
        graph.addNode(node);
        nodes++;
        current = output;
        return this;
    }

    MlpGraph node(String op) {
        return node(op, new AttributeProto[0]);
    }

    /** A node with raw inputs, for graphs that are not a chain. */
    MlpGraph addNode(NodeProto node) {
        graph.addNode(node);
        return this;
    }

    String current() {
        return current;
    }

    /** The model, with the last tensor as the graph output. */
    ModelProto build(int opset) {
        GraphProto.Builder copy = graph.clone();
        copy.addOutput(matrix(current, width));
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).setGraph(copy).build();
    }

    private MlpGraph width(int width) {
        this.width = width;
        return this;
    }

    String rawFloats(String name, int... dims) {
        int count = 1;
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (int dim : dims) {
            tensor.addDims(dim);
            count *= dim;
        }
        ByteBuffer bytes = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            bytes.putFloat(random.nextFloat() - 0.5f);
        }
        graph.addInitializer(tensor.setRawData(ByteString.copyFrom(bytes.array())));
        return name;
    }

    private String listedFloats(String name, int... dims) {
        int count = 1;
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (int dim : dims) {
            tensor.addDims(dim);
            count *= dim;
        }
        for (int i = 0; i < count; i++) {
            tensor.addFloatData(random.nextFloat() - 0.5f);
        }
        graph.addInitializer(tensor);
        return name;
    }

    private static ValueInfoProto matrix(String name, int columns) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(columns)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    static AttributeProto floatAttribute(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }
}
