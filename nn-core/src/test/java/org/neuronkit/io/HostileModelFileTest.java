package org.neuronkit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.AllocationLimit;
import org.neuronkit.ModelFileException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.Normalizer;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;

/** Model files a user or an attacker could hand to {@link ModelFile#load}: each fails with a named problem, fast. */
class HostileModelFileTest {
    @TempDir
    Path dir;

    private static Network network() {
        return Network.builder(4).seed(3).dense(8, Activations.relu()).output(3, Losses.softmaxCrossEntropy()).build();
    }

    private static String failure(Path file) {
        return assertThrows(ModelFileException.class, () -> ModelFile.load(file)).getMessage();
    }

    /** A safetensors file with this header JSON and {@code dataBytes} bytes of data (a sparse file: nothing is written). */
    private static Path raw(Path file, String header, long dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
            out.write(json);
            out.setLength(8 + json.length + dataBytes);
        }
        return file;
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\"", "\\\"") + "\"";
    }

    /** Header entries and metadata of a legitimate model of 20000-unit layers: 8 GB of tensors in a sparse file. */
    @Test
    @Timeout(20)
    void sparseEightGigabyteModelIsRefusedBeforeReadingAnything() throws IOException {
        int width = 20_000;
        int layers = 5;
        StringBuilder architecture = new StringBuilder("{\"inputSize\":" + width + ",\"dataType\":\"FLOAT\",\"l2\":0.0,"
                + "\"loss\":\"softmax-cross-entropy\",\"layers\":[");
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        for (int l = 0; l < layers; l++) {
            boolean last = l == layers - 1;
            architecture.append(l == 0 ? "" : ",").append("{\"type\":\"").append(last ? "output" : "dense")
                    .append("\",\"inputSize\":").append(width).append(",\"outputSize\":").append(width)
                    .append(",\"activation\":\"").append(last ? "softmax" : "relu").append("\"}");
            long weights = 4L * width * width;
            header.append("\"layers.").append(l).append(".weight\":{\"dtype\":\"F32\",\"shape\":[").append(width).append(",")
                    .append(width).append("],\"data_offsets\":[").append(offset).append(",").append(offset + weights).append("]},");
            offset += weights;
            header.append("\"layers.").append(l).append(".bias\":{\"dtype\":\"F32\",\"shape\":[1,").append(width)
                    .append("],\"data_offsets\":[").append(offset).append(",").append(offset + 4L * width).append("]},");
            offset += 4L * width;
        }
        architecture.append("]}");
        header.append("\"__metadata__\":{\"format\":\"neuronkit-model\",\"format_version\":\"1\",\"architecture\":")
                .append(quoted(architecture.toString())).append("}}");
        Path file = raw(dir.resolve("sparse.safetensors"), header.toString(), offset);
        assertTrue(Files.size(file) > 8_000_000_000L);

        assertEquals("file " + file + ": the tensor data: " + String.format(java.util.Locale.ROOT, "%,d", offset) + " bytes requested, more than the"
                + " allocation limit of 2,147,483,648 bytes (set the system property neuronkit.maxAllocationBytes to raise it)",
                failure(file));
    }

    /** A million tensors that no layer owns: refused by name from the header, without reading one. */
    @Test
    @Timeout(30)
    void aMillionJunkTensorsAreRefusedFromTheHeader() throws IOException {
        Path good = dir.resolve("good.safetensors");
        ModelFile.save(network(), null, good);
        SafeTensors.Contents contents = SafeTensors.read(good);
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        for (Map.Entry<String, INDArray> t : contents.tensors().entrySet()) {
            long bytes = 4 * t.getValue().length();
            header.append(quoted(t.getKey())).append(":{\"dtype\":\"F32\",\"shape\":").append(java.util.Arrays.toString(t.getValue().shape()))
                    .append(",\"data_offsets\":[").append(offset).append(",").append(offset + bytes).append("]},");
            offset += bytes;
        }
        int junk = 1_000_000;
        for (int i = 0; i < junk; i++) {
            header.append("\"junk").append(i).append("\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[").append(offset)
                    .append(",").append(offset + 4).append("]},");
            offset += 4;
        }
        header.append("\"__metadata__\":{");
        contents.metadata().forEach((k, v) -> header.append(quoted(k)).append(":").append(quoted(v)).append(","));
        header.setLength(header.length() - 1);
        header.append("}}");
        Path file = raw(dir.resolve("junk.safetensors"), header.toString(), offset);

        long start = System.nanoTime();
        assertEquals("file " + file + ": header length " + (Files.size(file) - 8 - offset) + " exceeds the limit of 16777216",
                failure(file));
        assertTrue(System.nanoTime() - start < 1e9, "took " + (System.nanoTime() - start) / 1e9 + " s");

        // fewer junk tensors, within the header limit: refused by name before any data is read
        Map<String, INDArray> tensors = new LinkedHashMap<>(contents.tensors());
        tensors.put("junk", Nd4j.ones(1));
        Path one = dir.resolve("one-junk.safetensors");
        SafeTensors.write(one, tensors, contents.metadata());
        assertEquals("file " + one + ": tensor 'junk' does not belong to a NeuronKit model", failure(one));
    }

    private Path withNormalizer(String name, INDArray shift, INDArray scale) {
        Normalizer fitted = Normalizer.standardize().fit(Nd4j.rand(DataType.FLOAT, 10, 4));
        Path good = dir.resolve("good-" + name);
        ModelFile.save(network(), fitted, good);
        SafeTensors.Contents contents = SafeTensors.read(good);
        Map<String, INDArray> tensors = new LinkedHashMap<>(contents.tensors());
        tensors.put("normalizer.shift", shift);
        tensors.put("normalizer.scale", scale);
        Path file = dir.resolve(name);
        SafeTensors.write(file, tensors, contents.metadata());
        return file;
    }

    @Test
    void normaliserWithZeroOrNaNScaleOrNaNShiftIsRefused() {
        INDArray ones = Nd4j.ones(DataType.FLOAT, 1, 4);
        Path zeroScale = withNormalizer("zero-scale", Nd4j.zeros(DataType.FLOAT, 1, 4), Nd4j.create(new float[] {1, 1, 0, 1}, 1, 4));
        assertEquals("file " + zeroScale + ": normaliser tensor 'normalizer.scale' holds 0.0 for feature 2; a usable scale lies"
                + " between 1e-30 and 1e30 in magnitude", failure(zeroScale));
        Path nanScale = withNormalizer("nan-scale", Nd4j.zeros(DataType.FLOAT, 1, 4), Nd4j.create(new float[] {Float.NaN, 1, 1, 1}, 1, 4));
        assertTrue(failure(nanScale).endsWith("'normalizer.scale' holds NaN for feature 0; a usable scale lies between 1e-30 and 1e30 in magnitude"),
                failure(nanScale));
        Path nanShift = withNormalizer("nan-shift", Nd4j.create(new float[] {0, 0, 0, Float.NaN}, 1, 4), ones);
        assertTrue(failure(nanShift).endsWith("'normalizer.shift' holds NaN for feature 3; a usable value lies within ±1e30"), failure(nanShift));
        Path wrongLength = withNormalizer("short", Nd4j.zeros(DataType.FLOAT, 1, 3), Nd4j.ones(DataType.FLOAT, 1, 3));
        assertEquals("file " + wrongLength + ": normaliser tensor 'normalizer.shift' is FLOAT [1, 3], the network's 4 inputs need a"
                + " floating-point [1, 4]", failure(wrongLength));
    }

    /** One exponent-bit flip in a shift (0.6 becomes about 1.6e38) used to load and make every output NaN. */
    @Test
    void normaliserValuesBeyondAUsableRangeAreRefusedByTensorName() {
        float flipped = Float.intBitsToFloat(Float.floatToIntBits(0.6f) ^ (1 << 30));
        assertTrue(flipped > 1e38f, "the flip gives " + flipped);
        Path hugeShift = withNormalizer("huge-shift", Nd4j.create(new float[] {0, flipped, 0, 0}, 1, 4), Nd4j.ones(DataType.FLOAT, 1, 4));
        assertEquals("file " + hugeShift + ": normaliser tensor 'normalizer.shift' holds " + (double) flipped
                + " for feature 1; a usable value lies within ±1e30", failure(hugeShift));
        Path tinyScale = withNormalizer("tiny-scale", Nd4j.zeros(DataType.FLOAT, 1, 4), Nd4j.create(new float[] {1, 1, 1, 1e-35f}, 1, 4));
        assertTrue(failure(tinyScale).contains("'normalizer.scale' holds " + (double) 1e-35f + " for feature 3"), failure(tinyScale));
    }

    /** A normaliser tensor of the right length but the wrong shape used to reach AffineNormalizer.restore (an ND4J exception, or a load). */
    @Test
    void aNormaliserTensorOfTheWrongShapeNamesItAndBothShapes() {
        Path square = withNormalizer("square", Nd4j.zeros(DataType.FLOAT, 2, 2), Nd4j.ones(DataType.FLOAT, 1, 4));
        assertEquals("file " + square + ": normaliser tensor 'normalizer.shift' is FLOAT [2, 2], the network's 4 inputs need a"
                + " floating-point [1, 4]", failure(square));
        Path column = withNormalizer("column", Nd4j.zeros(DataType.FLOAT, 1, 4), Nd4j.ones(DataType.FLOAT, 4, 1));
        assertEquals("file " + column + ": normaliser tensor 'normalizer.scale' is FLOAT [4, 1], the network's 4 inputs need a"
                + " floating-point [1, 4]", failure(column));
    }

    private Path withWeights(String name, java.util.function.Consumer<INDArray> change) {
        Network net = network();
        change.accept(net.layers().get(0).parameterViews().get("weight"));
        Path file = dir.resolve(name);
        ModelFile.save(net, null, file);
        return file;
    }

    /** Finite weights whose outputs overflow: one exponent-bit flip, or every weight at −3e38. */
    @Test
    void weightsThatOverflowAreCaughtByTheProbeAndNotCalledNaN() {
        Path flipped = withWeights("flipped", w -> w.putScalar(1, 2, Float.intBitsToFloat(Float.floatToIntBits(w.getFloat(1, 2)) ^ (1 << 30))));
        String message = failure(flipped);
        assertTrue(message.startsWith("file " + flipped + ": the model's outputs for a probe input (rows of 0, ±1 and ±1000) are"
                + " not finite, first at layer "), message);

        Path huge = withWeights("huge", w -> w.assign(-3e38f));
        INDArray weights = Nd4j.create(DataType.FLOAT, 8, 4).assign(-3e38f);
        assertTrue(Network.isFinite(weights), "−3e38 is finite although Σ|w| overflows");
        assertFalse(Network.isFinite(weights.dup().putScalar(5, Float.NaN)));
        message = failure(huge);
        assertTrue(message.contains("probe input") && !message.contains("holds NaN or infinity"), message);

        Path nan = withWeights("nan", w -> w.putScalar(0, 1, Float.NaN));
        assertEquals("file " + nan + ": layer 1, Dense(4 → 8, relu): parameter weight holds NaN or infinity", failure(nan));
    }

    private Path withHeader(String name, String header) throws IOException {
        return raw(dir.resolve(name), header, 0);
    }

    /** Jackson's nesting and string-length limits report no location: a ModelFileException, not a NullPointerException. */
    @Test
    void headersBeyondJacksonsLimitsAreModelFileErrors() throws IOException {
        Path deep = withHeader("deep", "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}");
        String message = failure(deep);
        assertTrue(message.startsWith("file " + deep + ": header is not valid JSON: ") && message.contains("nesting depth"), message);
        // a model's header may not be that long; the generic reader's limit is the reference implementation's 100 MB
        Path longString = withHeader("long", "{\"a\":\"" + "x".repeat(21_000_000) + "\"}");
        message = assertThrows(ModelFileException.class, () -> SafeTensors.read(longString)).getMessage();
        assertTrue(message.startsWith("file " + longString + ": header is not valid JSON: ") && message.contains("String value length"),
                message);
    }

    @Test
    void trailingBytesAfterTheHeaderAndAChangedOutputActivationAreRefused() throws Exception {
        Path good = dir.resolve("good");
        ModelFile.save(network(), null, good);
        SafeTensors.Contents contents = SafeTensors.read(good);
        byte[] bytes = Files.readAllBytes(good);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8).strip();
        // the header JSON followed by " x", padded with spaces to 8 bytes, its length field rewritten and the
        // tensor data unchanged behind it (their offsets count from the end of the header, so every one still holds)
        StringBuilder padded = new StringBuilder(header).append(" x");
        while (padded.length() % 8 != 0) {
            padded.append(' ');
        }
        byte[] trailing = padded.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer forged = ByteBuffer.allocate(8 + trailing.length + bytes.length - 8 - (int) headerLength).order(ByteOrder.LITTLE_ENDIAN);
        forged.putLong(trailing.length).put(trailing).put(bytes, 8 + (int) headerLength, bytes.length - 8 - (int) headerLength);
        Path withTrailing = Files.write(dir.resolve("trailing"), forged.array());
        String message = failure(withTrailing);
        assertTrue(message.startsWith("file " + withTrailing + ": header is not valid JSON: "), message);

        Path unknownLoss = withArchitecture(contents, "unknown-loss", a -> a.replace("\"loss\":\"softmax-cross-entropy\"", "\"loss\":\"hinge\""));
        assertTrue(failure(unknownLoss).startsWith("file " + unknownLoss + ": the architecture is invalid: unknown loss 'hinge'; known: "),
                failure(unknownLoss));

        // format version 1 named the output activation beside the loss; the two must agree
        SafeTensors.Contents version1 = SafeTensors.read(FormatVersion1Test.fixture("model-v1.safetensors"));
        Path changed = withArchitecture(version1, "changed", a -> a.replace("\"activation\":\"softmax\"", "\"activation\":\"relu\""));
        assertEquals("file " + changed + ": layer 4: the output activation is 'relu', but the loss 'softmax-cross-entropy' has the"
                + " output activation 'softmax'", failure(changed));
    }

    /** A copy of a model file's contents with its architecture JSON changed. */
    private Path withArchitecture(SafeTensors.Contents contents, String name, java.util.function.UnaryOperator<String> change) {
        Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
        metadata.computeIfPresent("architecture", (key, json) -> change.apply(json));
        Path file = dir.resolve(name);
        SafeTensors.write(file, contents.tensors(), metadata);
        return file;
    }

    @Test
    void allocationLimitIsASystemProperty() {
        assertEquals(2L << 30, AllocationLimit.maxBytes());
        Path file = dir.resolve("model");
        ModelFile.save(network(), null, file);
        System.setProperty(AllocationLimit.PROPERTY, "100");
        try {
            assertEquals(100, AllocationLimit.maxBytes());
            assertEquals("file " + file + ": the tensor data: 268 bytes requested, more than the allocation limit of 100 bytes"
                    + " (set the system property neuronkit.maxAllocationBytes to raise it)", failure(file));
        } finally {
            System.clearProperty(AllocationLimit.PROPERTY);
        }
    }
}
