package org.neuronkit.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.NeuronKitException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.Normalizer;
import org.neuronkit.io.ModelFile;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.onnx.proto.Onnx.AttributeProto;
import org.neuronkit.onnx.proto.Onnx.GraphProto;
import org.neuronkit.onnx.proto.Onnx.ModelProto;
import org.neuronkit.onnx.proto.Onnx.NodeProto;
import org.neuronkit.onnx.proto.Onnx.TensorProto;

/**
 * Seeded mutants of valid ONNX models, NeuronKit's exports (with and without their metadata record) and
 * PyTorch- and Keras-style graphs: random bit flips, cuts and trailing bytes of the file, and edits of the
 * protobuf fields the importer reads (nodes, their inputs, outputs, op types and attributes, initializers'
 * dims, types and values, the metadata). Each mutant must either import into a model that a model file
 * saves and {@link ModelFile#load} reads back, predicting finite values, or be refused with the toolkit's
 * exception ("finite" on standard-normal rows of normalised inputs, the kind of input a sound model sees).
 * Any other exception is a failure, reported with the mutant's number and mutations so that
 * the seeded run reproduces it. At most {@value #MAX_INPUTS} mutants or {@value #BUDGET_SECONDS} s.
 */
class OnnxImportFuzzTest {
    private static final int MAX_INPUTS = 1500;
    private static final int MIN_INPUTS = 300;
    private static final int BUDGET_SECONDS = 8;
    private static final long SEED = 24;
    private static final List<String> OPS = List.of("Gemm", "MatMul", "Add", "Relu", "Sigmoid", "Tanh", "Constant", "Reshape",
            "BatchNormalization", "Sub", "Div", "Softmax", "Dropout", "Identity", "Mul", "Unknown", "");
    private static final float[] EXTREMES = {Float.NaN, Float.POSITIVE_INFINITY, -Float.MAX_VALUE, 1e30f, -1e-40f, 0f, -0f, 7e37f};
    private static final long[] DIMS = {0, -1, 1, 2, 3, 64, 1L << 31, 1L << 40, Long.MAX_VALUE};

    @TempDir
    Path dir;

    /** A named change to a model's bytes. */
    private record Mutation(String name, Mutator apply) {
    }

    @FunctionalInterface
    private interface Mutator {
        byte[] apply(byte[] model, Random random) throws InvalidProtocolBufferException;
    }

    @Test
    void everyMutantImportsIntoALoadableModelOrIsRefusedWithTheToolkitsException() throws IOException {
        List<byte[]> seeds = seeds();
        List<Mutation> mutations = mutations();
        Random random = new Random(SEED);
        Path file = dir.resolve("mutant.onnx");
        Path saved = dir.resolve("imported.safetensors");
        List<String> failures = new ArrayList<>();
        int tried = 0;
        int imported = 0;
        int refused = 0;
        long end = System.nanoTime() + BUDGET_SECONDS * 1_000_000_000L;
        while (tried < MAX_INPUTS && (tried < MIN_INPUTS || System.nanoTime() < end)) {
            byte[] bytes = seeds.get(random.nextInt(seeds.size()));
            List<String> applied = new ArrayList<>();
            for (int c = 1 + random.nextInt(3); c > 0; c--) {
                Mutation mutation = mutations.get(random.nextInt(mutations.size()));
                try {
                    bytes = mutation.apply().apply(bytes, random);
                    applied.add(mutation.name());
                } catch (InvalidProtocolBufferException e) {
                    applied.add(mutation.name() + " (skipped: the bytes no longer parse)");
                }
            }
            Files.write(file, bytes);
            tried++;
            try {
                ModelFile.Model model = OnnxImport.read(file);
                ModelFile.save(model.network(), model.normalizer(), null, model.outputNames(), saved);
                ModelFile.Model loaded = ModelFile.load(saved);
                INDArray x = Nd4j.randn(tried, new long[] {8, loaded.network().inputSize()}).castTo(DataType.FLOAT);
                assertTrue(Network.isFinite(loaded.network().output(x)), "the loaded model predicts non-finite values");
                imported++;
            } catch (NeuronKitException e) {
                refused++;
            } catch (Throwable t) {
                failures.add("mutant " + tried + " " + applied + ": " + t);
            }
        }
        String summary = String.format("fuzz ONNX import: %,d mutants, %,d imported and loaded, %,d refused with the toolkit's"
                + " exception, %d other failures", tried, imported, refused, failures.size());
        System.out.println(summary);
        assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())), summary);
        assertTrue(imported > 0 && refused > 0, "the mutations both keep and break models: " + summary);
    }

    /** NeuronKit's exports with their record and without it, and a PyTorch-style and a Keras-style graph. */
    private static List<byte[]> seeds() {
        INDArray raw = Nd4j.randn(7L, new long[] {30, 6}).castTo(DataType.FLOAT);
        Network everyLayer = OnnxExportTest.randomised(Network.builder(6).dense(5, Activations.swishLearnedPerNeuron(1))
                .batchNorm().dropout(0.2).maxout(4, 2).dense(4, Activations.geluTanh()).output(3, Losses.softmaxCrossEntropy()).build());
        everyLayer.layers().get(1).parameterViews().get("running_var").assign(1);
        ModelProto recorded = OnnxExport.toModel(new ModelFile.Model(everyLayer, Normalizer.standardize().fit(raw), null,
                List.of("a", "b", "c")));
        Network byOps = OnnxExportTest.randomised(Network.builder(6).dense(5, Activations.elu(0.5)).dense(4, Activations.relu())
                .output(2, Losses.logisticCrossEntropy()).build());
        ModelProto unrecorded = OnnxExport.toModel(byOps, Normalizer.minMax().fit(raw)).toBuilder()
                .removeMetadataProps(0).build();
        return List.of(recorded.toByteArray(), unrecorded.toByteArray(),
                new MlpGraph(6, 1).linear(5).node("Relu").linear(3).node("Softmax").build(13).toByteArray(),
                new MlpGraph(6, 2).dense(4).node("Tanh").node("Dropout").dense(2).build(13).toByteArray());
    }

    private static List<Mutation> mutations() {
        return List.of(
                new Mutation("bit flips", (bytes, r) -> {
                    byte[] out = bytes.clone();
                    for (int i = 1 + r.nextInt(8); i > 0; i--) {
                        out[r.nextInt(out.length)] ^= (byte) (1 << r.nextInt(8));
                    }
                    return out;
                }),
                new Mutation("cut", (bytes, r) -> Arrays.copyOf(bytes, r.nextInt(bytes.length))),
                new Mutation("trailing bytes", (bytes, r) -> {
                    byte[] out = Arrays.copyOf(bytes, bytes.length + 1 + r.nextInt(32));
                    for (int i = bytes.length; i < out.length; i++) {
                        out[i] = (byte) r.nextInt();
                    }
                    return out;
                }),
                graph("node outputs cleared", (g, r) -> node(g, r).clearOutput()),
                graph("node input renamed", (g, r) -> {
                    NodeProto.Builder node = node(g, r);
                    if (node.getInputCount() > 0) {
                        node.setInput(r.nextInt(node.getInputCount()), r.nextBoolean() ? "" : tensorName(g, r));
                    }
                }),
                graph("node output renamed", (g, r) -> {
                    NodeProto.Builder node = node(g, r);
                    if (node.getOutputCount() > 0) {
                        node.setOutput(0, r.nextBoolean() ? "" : tensorName(g, r));
                    }
                }),
                graph("op type changed", (g, r) -> node(g, r).setOpType(OPS.get(r.nextInt(OPS.size())))),
                graph("node removed", (g, r) -> g.removeNode(r.nextInt(g.getNodeCount()))),
                graph("node duplicated", (g, r) -> g.addNode(r.nextInt(g.getNodeCount() + 1), node(g, r).build())),
                graph("constant node added", (g, r) -> {
                    NodeProto.Builder constant = NodeProto.newBuilder().setOpType("Constant").setName("c" + r.nextInt(9));
                    if (r.nextBoolean()) {
                        constant.addOutput(tensorName(g, r));
                    }
                    if (r.nextBoolean() && g.getInitializerCount() > 0) {
                        constant.addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                                .setT(g.getInitializer(r.nextInt(g.getInitializerCount()))));
                    }
                    g.addNode(r.nextInt(g.getNodeCount() + 1), constant);
                }),
                graph("attribute changed", (g, r) -> {
                    NodeProto.Builder node = node(g, r);
                    if (node.getAttributeCount() > 0) {
                        AttributeProto.Builder attribute = node.getAttributeBuilder(r.nextInt(node.getAttributeCount()));
                        attribute.setF(EXTREMES[r.nextInt(EXTREMES.length)]).setI(DIMS[r.nextInt(DIMS.length)]);
                        if (r.nextInt(4) == 0) {
                            attribute.clearInts().addInts(DIMS[r.nextInt(DIMS.length)]);
                        }
                    }
                }),
                graph("initializer dims changed", (g, r) -> {
                    TensorProto.Builder tensor = initializer(g, r);
                    if (r.nextBoolean() && tensor.getDimsCount() > 0) {
                        tensor.setDims(r.nextInt(tensor.getDimsCount()), DIMS[r.nextInt(DIMS.length)]);
                    } else if (r.nextBoolean()) {
                        tensor.addDims(DIMS[r.nextInt(DIMS.length)]);
                    } else {
                        tensor.clearDims();
                    }
                }),
                graph("initializer data cleared", (g, r) -> initializer(g, r).clearRawData().clearFloatData()),
                graph("initializer type changed", (g, r) -> initializer(g, r).setDataType(r.nextInt(17))),
                graph("initializer value extreme", (g, r) -> {
                    TensorProto.Builder tensor = initializer(g, r);
                    float value = EXTREMES[r.nextInt(EXTREMES.length)];
                    if (tensor.getFloatDataCount() > 0) {
                        tensor.setFloatData(r.nextInt(tensor.getFloatDataCount()), value);
                    } else if (tensor.getRawData().size() >= 4 && tensor.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
                        ByteBuffer raw = ByteBuffer.allocate(tensor.getRawData().size()).order(ByteOrder.LITTLE_ENDIAN);
                        tensor.getRawData().copyTo(raw);
                        raw.putFloat(4 * r.nextInt(raw.capacity() / 4), value);
                        tensor.setRawData(ByteString.copyFrom(raw.array()));
                    }
                }),
                graph("initializer removed", (g, r) -> {
                    if (g.getInitializerCount() > 0) {
                        g.removeInitializer(r.nextInt(g.getInitializerCount()));
                    }
                }),
                graph("graph input or output changed", (g, r) -> {
                    var value = r.nextBoolean() ? g.getInputBuilder(0) : g.getOutputBuilder(0);
                    if (r.nextBoolean()) {
                        value.setName(tensorName(g, r));
                    } else {
                        value.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(1)
                                .setDimValue(DIMS[r.nextInt(DIMS.length)]);
                    }
                }),
                model("metadata value changed", (m, r) -> {
                    if (m.getMetadataPropsCount() > 0) {
                        var entry = m.getMetadataPropsBuilder(r.nextInt(m.getMetadataPropsCount()));
                        String[] replacements = {"", "[", "{}", "null", "1e400", "-1", "\"x\"", "[\"a\"]", "standardize", "minmax(global)",
                                "{\"inputSize\":6,\"dataType\":\"FLOAT\",\"l2\":0,\"l1\":0,\"layers\":[]}"};
                        String value = entry.getValue();
                        int at = value.isEmpty() ? 0 : r.nextInt(value.length());
                        entry.setValue(r.nextBoolean() ? replacements[r.nextInt(replacements.length)]
                                : value.substring(0, at) + replacements[r.nextInt(replacements.length)] + value.substring(Math.min(value.length(),
                                        at + r.nextInt(8))));
                    }
                }),
                model("metadata removed", (m, r) -> {
                    if (m.getMetadataPropsCount() > 0) {
                        m.removeMetadataProps(r.nextInt(m.getMetadataPropsCount()));
                    }
                }));
    }

    private static Mutation graph(String name, java.util.function.BiConsumer<GraphProto.Builder, Random> edit) {
        return model(name, (m, r) -> {
            if (m.getGraph().getNodeCount() > 0) {
                edit.accept(m.getGraphBuilder(), r);
            }
        });
    }

    private static Mutation model(String name, java.util.function.BiConsumer<ModelProto.Builder, Random> edit) {
        return new Mutation(name, (bytes, r) -> {
            ModelProto.Builder model = ModelProto.parseFrom(bytes).toBuilder();
            edit.accept(model, r);
            return model.build().toByteArray();
        });
    }

    private static NodeProto.Builder node(GraphProto.Builder graph, Random random) {
        return graph.getNodeBuilder(random.nextInt(graph.getNodeCount()));
    }

    private static TensorProto.Builder initializer(GraphProto.Builder graph, Random random) {
        return graph.getInitializerCount() == 0 ? TensorProto.newBuilder() : graph.getInitializerBuilder(random.nextInt(graph.getInitializerCount()));
    }

    /** The name of a tensor of the graph: a node's output, an initializer or the input. */
    private static String tensorName(GraphProto.Builder graph, Random random) {
        List<String> names = new ArrayList<>();
        graph.getNodeList().forEach(n -> names.addAll(n.getOutputList()));
        graph.getInitializerList().forEach(t -> names.add(t.getName()));
        graph.getInputList().forEach(v -> names.add(v.getName()));
        return names.isEmpty() ? "x" : names.get(random.nextInt(names.size()));
    }
}
