package org.neuronkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.ModelFileException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.Normalizer;
import org.neuronkit.loss.ClassWeights;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.optim.Optimizers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelFileTest {
    @TempDir
    Path dir;

    private static Network network(DataType type) {
        return Network.builder(4).dataType(type).seed(5).l2(1e-3)
                .dense(6, Activations.tanh())
                .maxout(3, 2)
                .dense(5, Activations.swishLearnedPerNeuron(1.0))
                .output(3, Losses.softmaxCrossEntropy())
                .build();
    }

    private static Normalizer fittedNormalizer() {
        return Normalizer.standardize().fit(Nd4j.rand(DataType.DOUBLE, 30, 4).muli(9).addi(3));
    }

    @Test
    void roundTripRestoresArchitectureWeightsAndNormalizer() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Network net = network(type);
            // make every parameter distinct from a fresh initialisation (incl. biases and swish β)
            net.parameters().addi(Nd4j.rand(type, net.parameterCount()));
            Normalizer normalizer = fittedNormalizer();
            Path file = dir.resolve("model-" + type + ".nkm");
            ModelFile.save(net, normalizer, file);

            ModelFile.Model model = ModelFile.load(file);
            Network back = model.network();
            assertEquals(net.toString(), back.toString());
            assertEquals(type, back.dataType());
            assertEquals(net.l2(), back.l2());
            assertEquals(net.loss().spec(), back.loss().spec());
            assertEquals(net.parameters(), back.parameters());
            assertEquals(normalizer.spec(), model.normalizer().spec());
            assertEquals(normalizer.params(), model.normalizer().params());

            INDArray raw = Nd4j.rand(DataType.DOUBLE, 7, 4).muli(10);
            INDArray expected = net.output(normalizer.transform(raw.dup()).castTo(type));
            assertEquals(expected, model.output(raw));
            assertArrayEquals(Nd4j.argMax(expected, 1).toIntVector(), model.predict(raw));
        }
    }

    /** λ₁ and the class weights (in the loss spec) are saved; a file written before L1 existed loads with λ₁ = 0. */
    @Test
    void l1AndClassWeightsAreSavedAndOldFilesLoadWithoutL1() {
        Network net = Network.builder(4).dataType(DataType.DOUBLE).seed(5).l2(1e-3).l1(2e-3).dense(5, Activations.tanh())
                .output(3, Losses.softmaxCrossEntropy(ClassWeights.of(0.5, 2.0, 1.5))).build();
        Path file = dir.resolve("l1.nkm");
        ModelFile.save(net, null, file);
        Network back = ModelFile.load(file).network();
        assertEquals(2e-3, back.l1());
        assertEquals("softmax-cross-entropy(0.5,2.0,1.5)", back.loss().spec());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 6, 4);
        INDArray y = Nd4j.eye(3).getRows(0, 1, 2, 2, 1, 0);
        assertEquals(net.risk(x, y), back.risk(x, y), 1e-15);

        SafeTensors.Contents contents = SafeTensors.read(file);
        Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
        metadata.computeIfPresent("architecture", (key, json) -> json.replace("\"l1\":0.002,", ""));
        assertTrue(!metadata.get("architecture").contains("l1"), metadata.get("architecture"));
        Path old = dir.resolve("before-l1.nkm");
        SafeTensors.write(old, contents.tensors(), metadata);
        assertEquals(0.0, ModelFile.load(old).network().l1());
    }

    @Test
    void modelWithoutNormalizer() {
        Network net = network(DataType.FLOAT);
        Path file = dir.resolve("plain.nkm");
        ModelFile.save(net, null, file);
        ModelFile.Model model = ModelFile.load(file);
        assertNull(model.normalizer());
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4);
        assertEquals(net.output(x), model.output(x));
    }

    /** A regression model's target scaling is saved and undone by output: y = z·σ + μ per target. */
    @Test
    void targetScalingIsSavedAndUndoneByOutput() {
        Network net = Network.builder(4).seed(3).dense(5, Activations.tanh()).output(2, Losses.squaredError()).build();
        INDArray targets = Nd4j.createFromArray(new double[][] {{100, -1}, {300, 1}, {200, 3}}).castTo(DataType.FLOAT);
        Normalizer scaling = Normalizer.standardize().fit(targets);
        Path file = dir.resolve("regression.nkm");
        ModelFile.save(new ModelFile.Model(net, null, null, List.of("a", "b"), scaling), file);

        ModelFile.Model model = ModelFile.load(file);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4);
        INDArray z = net.output(x);
        double sigma = Math.sqrt((100.0 * 100 + 0 + 100 * 100) / 3);
        assertEquals(z.getDouble(1, 0) * sigma + 200, model.output(x).getDouble(1, 0), 1e-3);
        assertEquals(z.getDouble(2, 1) * 1.632993 + 1, model.output(x).getDouble(2, 1), 1e-4);
        assertEquals(Map.of("spec", "standardize"), Map.of("spec", model.targetScaling().spec()));
        assertNull(ModelFile.load(dir.resolve("regression.nkm")).normalizer());

        ModelFile.save(net, null, dir.resolve("unscaled.nkm"));
        assertNull(ModelFile.load(dir.resolve("unscaled.nkm")).targetScaling(), "a file without one loads without one");
    }

    /** A run folder loads its model.safetensors; an ONNX file is named as one, with the command that converts it. */
    @Test
    void runFoldersLoadTheirModelAndOnnxFilesSayHowToImportThem() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Network net = network(DataType.FLOAT);
        ModelFile.save(net, null, run.resolve(ModelFile.IN_RUN_FOLDER));
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 4);
        assertEquals(net.output(x), ModelFile.load(run).output(x));

        // the first bytes of an ONNX ModelProto: ir_version 8, then the producer name
        byte[] onnx = {0x08, 0x08, 0x12, 0x07, 'p', 'y', 't', 'o', 'r', 'c', 'h', 0x1a, 0x03, '2', '.', '1'};
        Path file = Files.write(dir.resolve("model.bin"), onnx);
        assertEquals("file " + file + ": is an ONNX model, not a NeuronKit model file: convert it with 'neuronkit import --onnx " + file
                + " --out model.safetensors' (in Java, OnnxImport.read)", failure(file));
    }

    private static String failure(Path file) {
        return assertThrows(ModelFileException.class, () -> ModelFile.load(file)).getMessage();
    }

    @Test
    void damagedOrForeignFilesFailClearly() throws IOException {
        Path good = dir.resolve("good.nkm");
        ModelFile.save(network(DataType.FLOAT), fittedNormalizer(), good);
        byte[] bytes = Files.readAllBytes(good);

        Path half = Files.write(dir.resolve("half.nkm"), Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(failure(half).startsWith("file " + half + ": "), failure(half));
        assertTrue(failure(half).endsWith("truncated"), failure(half));

        Path png = Files.write(dir.resolve("image.png"),
                new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        assertEquals("file " + png + ": header length 727905341920923785 is larger than the file (16 bytes):"
                + " not a safetensors file, or truncated", failure(png));

        Path otherSafetensors = dir.resolve("other.safetensors");
        SafeTensors.write(otherSafetensors, Map.of("embedding", Nd4j.rand(2, 2)), Map.of("format", "pt"));
        assertEquals("file " + otherSafetensors + ": not a NeuronKit model file (its metadata has format 'pt')",
                failure(otherSafetensors));
    }

    /** A file whose architecture claims a billion units but holds a small tensor fails before allocating. */
    @Test
    void architectureIsCheckedAgainstTheTensorsBeforeAllocating() {
        Path good = dir.resolve("good.nkm");
        ModelFile.save(network(DataType.FLOAT), null, good);
        SafeTensors.Contents contents = SafeTensors.read(good);
        Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
        long before = Runtime.getRuntime().totalMemory();
        metadata.put("architecture", metadata.get("architecture").replaceFirst("\"units\":6", "\"units\":100000000"));
        Path huge = dir.resolve("huge.nkm");
        SafeTensors.write(huge, contents.tensors(), metadata);
        long stored = contents.tensors().entrySet().stream().filter(t -> t.getKey().startsWith("layers."))
                .mapToLong(t -> t.getValue().length()).sum();
        String message = failure(huge);
        assertTrue(message.startsWith("file " + huge + ": the architecture has ")
                && message.endsWith(String.format(java.util.Locale.ROOT, " parameters, the file's layer tensors hold %,d values", stored)),
                message);
        assertTrue(Runtime.getRuntime().totalMemory() - before < 1L << 30, "nothing of the claimed size was allocated");

        Map<String, INDArray> missing = new LinkedHashMap<>(contents.tensors());
        missing.remove("layers.2.activation");
        Path incomplete = dir.resolve("incomplete.nkm");
        SafeTensors.write(incomplete, missing, contents.metadata());
        assertEquals("file " + incomplete + ": the architecture has 115 parameters, the file's layer tensors hold 110 values",
                failure(incomplete));

        metadata.put("architecture", "{\"inputSize\": 4, \"layers\": [");
        Path corrupt = dir.resolve("corrupt.nkm");
        SafeTensors.write(corrupt, contents.tensors(), metadata);
        assertTrue(failure(corrupt).startsWith("file " + corrupt + ": architecture is not valid JSON: "), failure(corrupt));
    }

    private List<Path> filesIn() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void outputNamesAreRecordedAndChecked() {
        Path file = dir.resolve("named.safetensors");
        List<String> names = List.of("setosa", "versicolor", "virginica");
        ModelFile.save(network(DataType.FLOAT), null, null, names, file);
        assertEquals(names, ModelFile.load(file).outputNames());

        Path unnamed = dir.resolve("unnamed.safetensors");
        ModelFile.save(network(DataType.FLOAT), null, unnamed);
        assertEquals(List.of(), ModelFile.load(unnamed).outputNames());

        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelFile.save(network(DataType.FLOAT), null, null, List.of("a", "b"), dir.resolve("short.safetensors")));
        assertEquals("file " + dir.resolve("short.safetensors") + ": 2 output names for the 3 outputs of the network", e.getMessage());

        SafeTensors.Contents contents = SafeTensors.read(file);
        Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
        metadata.put(ModelFile.OUTPUT_NAMES_KEY, "[\"a\", 2, \"c\"]");
        Path bad = dir.resolve("bad-names.safetensors");
        SafeTensors.write(bad, contents.tensors(), metadata);
        e = assertThrows(ModelFileException.class, () -> ModelFile.load(bad));
        assertEquals("file " + bad + ": metadata 'output_names' is [\"a\", 2, \"c\"], expected an array of 3 strings (one per output)",
                e.getMessage());
    }

    @Test
    void failedSaveLeavesTheExistingModelUntouched() throws IOException {
        Path file = dir.resolve("model.nkm");
        ModelFile.save(network(DataType.FLOAT), null, file);
        byte[] before = Files.readAllBytes(file);
        Normalizer wrongWidth = Normalizer.minMax().fit(Nd4j.rand(5, 7));
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelFile.save(network(DataType.DOUBLE), wrongWidth, file));
        assertEquals("file " + file + ": normaliser 'minmax' has 7 features, the network 4 inputs", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), filesIn());
    }

    @Test
    void checkpointRoundTripAndModelView() {
        Network net = network(DataType.FLOAT);
        Map<String, INDArray> adam = new LinkedHashMap<>();
        adam.put("m", Nd4j.rand(DataType.FLOAT, net.parameterCount()));
        adam.put("v", Nd4j.rand(DataType.FLOAT, net.parameterCount()));
        long[] rng = {0x9E3779B97F4A7C15L, -1L};
        Path file = dir.resolve("epoch-3.ckpt");
        org.neuronkit.optim.RateSchedule schedule = org.neuronkit.optim.RateSchedule.CONSTANT
                .withSchedule(org.neuronkit.optim.LearningRateSchedule.step(2, 0.5)).withWarmup(1);
        new Checkpoint(net, fittedNormalizer(), new org.neuronkit.optim.AdamSpec(0.001, 0.9, 0.99, 1e-7), schedule, adam, 3, 1200L, rng,
                null).save(file);

        Checkpoint back = Checkpoint.load(file);
        assertEquals(net.parameters(), back.network().parameters());
        assertEquals(adam, back.optimizerState());
        assertEquals(new org.neuronkit.optim.AdamSpec(0.001, 0.9, 0.99, 1e-7), back.optimizer());
        assertEquals(schedule, back.schedule());
        assertEquals(file, back.file());
        assertEquals(3, back.epoch());
        assertEquals(1200L, back.step());
        assertArrayEquals(rng, back.rngState());
        assertEquals("standardize", back.normalizer().spec());
        // a checkpoint is also a model file
        assertEquals(net.parameters(), ModelFile.load(file).network().parameters());

        Path model = dir.resolve("model.nkm");
        ModelFile.save(net, null, model);
        assertEquals("file " + model + ": not a NeuronKit checkpoint file (its metadata has format 'neuronkit-model')",
                assertThrows(ModelFileException.class, () -> Checkpoint.load(model)).getMessage());
    }

    private static void train(Network net, Optimizer optimizer, INDArray x, INDArray y, int steps) {
        for (int i = 0; i < steps; i++) {
            net.computeGradient(x, y);
            optimizer.step(net.parameters(), net.gradients());
        }
    }

    /** Adam resumed from a checkpoint takes exactly the steps the uninterrupted run takes. */
    @Test
    void resumedTrainingMatchesUninterruptedTraining() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 4);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 8, 3);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 3, 1);
        }
        Network net = network(DataType.DOUBLE);
        Optimizer adam = Optimizers.byName("adam", 0.01);
        train(net, adam, x, y, 3);
        Path file = dir.resolve("resume.ckpt");
        Checkpoint.of(net, null, adam, 1, 3, new long[] {42}).save(file);
        train(net, adam, x, y, 3);

        Checkpoint saved = Checkpoint.load(file);
        Optimizer fresh = Optimizers.byName("adam", 0.01);
        saved.restoreOptimizer(fresh);
        Network resumed = saved.network();
        train(resumed, fresh, x, y, 3);
        assertTrue(net.parameters().equalsWithEps(resumed.parameters(), 1e-12));

        // without the optimizer state the run diverges, so the state is what made them equal
        Network cold = Checkpoint.load(file).network();
        train(cold, Optimizers.byName("adam", 0.01), x, y, 3);
        assertTrue(cold.parameters().sub(net.parameters()).amaxNumber().doubleValue() > 1e-4);

        assertEquals("checkpoint " + file + " holds the state of adam(lr=0.01, beta1=0.9, beta2=0.999, eps=1.0E-8), not of"
                + " momentum(lr=0.01, mu=0.9)", assertThrows(ModelFileException.class,
                        () -> saved.restoreOptimizer(Optimizers.byName("momentum", 0.01))).getMessage());
    }
}
