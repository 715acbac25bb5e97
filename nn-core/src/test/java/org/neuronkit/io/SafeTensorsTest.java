package org.neuronkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.FileWriteException;
import org.neuronkit.ModelFileException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class SafeTensorsTest {
    @TempDir
    Path dir;

    private static Map<String, INDArray> sampleTensors() {
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        tensors.put("layers.0.weight", Nd4j.rand(DataType.FLOAT, 3, 4).subi(0.5f));
        tensors.put("layers.0.bias", Nd4j.createFromArray(-1.5f, 0f, 2.25f));
        // a non-contiguous view: columns 1..2 of a 3×4 double matrix
        INDArray wide = Nd4j.linspace(DataType.DOUBLE, 1, 12, 1).reshape('c', 3, 4);
        tensors.put("view", wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3)));
        tensors.put("step", Nd4j.createFromArray(new long[] {Long.MAX_VALUE, -3L}));
        tensors.put("counts", Nd4j.createFromArray(new int[][] {{1, 2}, {3, -4}}));
        tensors.put("scalar", Nd4j.scalar(Math.PI));
        return tensors;
    }

    @Test
    void roundTripKeepsTensorsMetadataAndOrder() {
        Map<String, INDArray> tensors = sampleTensors();
        Map<String, String> metadata = Map.of("architecture", "{\"layers\":[{\"type\":\"dense\"}]}", "note", "µ σ ✓");
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, tensors, metadata);

        SafeTensors.Contents read = SafeTensors.read(file);
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(read.tensors().keySet()));
        tensors.forEach((name, t) -> {
            INDArray back = read.tensor(name);
            assertEquals(t.dataType(), back.dataType(), name);
            assertArrayEquals(t.shape(), back.shape(), name);
            assertEquals(t, back, name);
        });
        assertEquals(metadata, read.metadata());
    }

    /** Parses the file with nothing but a ByteBuffer and a JSON tree, as another program would. */
    @Test
    void independentParserReadsWhatTheWriterWrote() throws IOException {
        INDArray w = Nd4j.rand(DataType.FLOAT, 2, 3);
        INDArray b = Nd4j.rand(DataType.DOUBLE, 1, 2);
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        tensors.put("w", w);
        tensors.put("b", b);
        Path file = dir.resolve("plain.safetensors");
        SafeTensors.write(file, tensors, Map.of("k", "v"));

        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long n = all.getLong(0);
        assertEquals(0, n % 8, "header padded to 8 bytes");
        JsonNode header = new ObjectMapper().readTree(new String(Files.readAllBytes(file), 8, (int) n, StandardCharsets.UTF_8));
        assertEquals("v", header.get("__metadata__").get("k").asText());
        int dataStart = 8 + (int) n;

        JsonNode wEntry = header.get("w");
        assertEquals("F32", wEntry.get("dtype").asText());
        assertEquals("[2,3]", wEntry.get("shape").toString());
        int wBegin = wEntry.get("data_offsets").get(0).asInt();
        assertEquals(24, wEntry.get("data_offsets").get(1).asInt() - wBegin);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(w.getFloat(i, j), all.getFloat(dataStart + wBegin + 4 * (3 * i + j)));
            }
        }
        JsonNode bEntry = header.get("b");
        assertEquals("F64", bEntry.get("dtype").asText());
        int bBegin = bEntry.get("data_offsets").get(0).asInt();
        assertEquals(b.getDouble(0, 0), all.getDouble(dataStart + bBegin));
        assertEquals(b.getDouble(0, 1), all.getDouble(dataStart + bBegin + 8));
        assertEquals(all.capacity(), dataStart + bEntry.get("data_offsets").get(1).asInt());
    }

    private Path written() {
        Path file = dir.resolve("good.safetensors");
        SafeTensors.write(file, sampleTensors(), Map.of("format", "test"));
        return file;
    }

    private static String messageOf(Path file) {
        return assertThrows(ModelFileException.class, () -> SafeTensors.read(file)).getMessage();
    }

    @Test
    void fileCutInHalfIsTruncated() throws IOException {
        byte[] bytes = Files.readAllBytes(written());
        // these tensors are small, so half the file cuts the header
        Path half = Files.write(dir.resolve("half.safetensors"), Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(messageOf(half).matches("file \\Q" + half + "\\E: header length \\d+ is larger than the file \\("
                + bytes.length / 2 + " bytes\\): not a safetensors file, or truncated"), messageOf(half));
        // a cut in the tensor data
        Path cut = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(bytes, bytes.length - 4));
        assertTrue(messageOf(cut).matches("file \\Q" + cut + "\\E: tensor '\\w+' data_offsets \\[\\d+, \\d+\\] reach beyond"
                + " the \\d+ bytes of tensor data: the file is truncated"), messageOf(cut));
    }

    @Test
    void headerLengthLargerThanTheFile() throws IOException {
        byte[] bytes = Files.readAllBytes(written());
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, bytes.length);
        Path bad = Files.write(dir.resolve("long-header"), bytes);
        assertEquals("file " + bad + ": header length " + bytes.length + " is larger than the file (" + bytes.length
                + " bytes): not a safetensors file, or truncated", messageOf(bad));
    }

    @Test
    void foreignFilesAreRecognised() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1};
        Path picture = Files.write(dir.resolve("picture.png"), png);
        assertTrue(messageOf(picture).endsWith(" is larger than the file (20 bytes): not a safetensors file, or truncated"));

        Path tiny = Files.write(dir.resolve("tiny"), new byte[] {1, 2, 3});
        assertEquals("file " + tiny + ": too short (3 bytes) to be a safetensors file", messageOf(tiny));

        Path notJson = craft("[1, 2, 3]", new byte[0]);
        assertEquals("file " + notJson + ": not a safetensors file: the header is not a JSON object", messageOf(notJson));

        Path missing = dir.resolve("missing");
        assertEquals("file " + missing + ": does not exist", messageOf(missing));
    }

    @Test
    void corruptedJsonNamesThePosition() throws IOException {
        byte[] bytes = Files.readAllBytes(written());
        int colon = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(':');
        bytes[colon] = ';';
        Path bad = Files.write(dir.resolve("corrupt"), bytes);
        String message = messageOf(bad);
        assertTrue(message.startsWith("file " + bad + ": header is not valid JSON: "), message);
        assertTrue(message.contains("(line 1, column "), message);
    }

    /** A file with a hand-written header and data section. */
    private Path craft(String json, byte[] data) throws IOException {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer file = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(header.length).put(header).put(data);
        return Files.write(Files.createTempFile(dir, "crafted", ".safetensors"), file.array());
    }

    @Test
    void offsetsAreCheckedBeforeAllocating() throws IOException {
        Path overlap = craft("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]);
        assertEquals("file " + overlap + ": tensors 'a' and 'b' overlap (at byte 4)", messageOf(overlap));

        Path beyond = craft("{\"a\":{\"dtype\":\"F32\",\"shape\":[536870000],\"data_offsets\":[0,2147480000]}}",
                new byte[16]);
        assertEquals("file " + beyond + ": tensor 'a' data_offsets [0, 2147480000] reach beyond the 16 bytes of tensor"
                + " data: the file is truncated", messageOf(beyond));

        Path hole = craft("{\"a\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]);
        assertEquals("file " + hole + ": no tensor covers bytes [0, 4) of the data", messageOf(hole));

        Path trailing = craft("{\"a\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[8]);
        assertEquals("file " + trailing + ": 4 bytes after the last tensor: the file is corrupted", messageOf(trailing));

        Path shape = craft("{\"a\":{\"dtype\":\"F32\",\"shape\":[3,1],\"data_offsets\":[0,8]}}", new byte[8]);
        assertEquals("file " + shape + ": tensor 'a' of shape [3, 1] and dtype F32 needs 12 bytes but its data_offsets"
                + " [0, 8] hold 8", messageOf(shape));

        Path dtype = craft("{\"a\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]}}", new byte[8]);
        assertEquals("file " + dtype + ": tensor 'a' has dtype \"F16\"; supported: [F64, F32, I64, I32]", messageOf(dtype));

        Path negative = craft("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", new byte[8]);
        assertEquals("file " + negative + ": tensor 'a' shape has -2, expected a non-negative integer", messageOf(negative));

        Path duplicate = craft("{\"a\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]);
        assertTrue(messageOf(duplicate).contains("Duplicate field 'a'"));
    }

    private List<Path> filesIn() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void failedSaveLeavesExistingFileUntouched() throws IOException {
        Path file = written();
        byte[] before = Files.readAllBytes(file);

        Map<String, INDArray> unsupported = new LinkedHashMap<>(sampleTensors());
        unsupported.put("mask", Nd4j.createFromArray(true, false));
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> SafeTensors.write(file, unsupported, Map.of()));
        assertEquals("file " + file + ": tensor 'mask' has data type BOOL; supported: DOUBLE, FLOAT, INT64, INT32",
                e.getMessage());

        // a failure in the middle of writing the bytes: the rename never happens
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, channel -> {
            channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            throw new IllegalStateException("disk full");
        }));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), filesIn(), "no temporary file left behind");

        Path nowhere = dir.resolve("missing-dir").resolve("m.safetensors");
        assertEquals("file " + nowhere + ": cannot write: directory " + nowhere.getParent() + " does not exist",
                assertThrows(FileWriteException.class, () -> SafeTensors.write(nowhere, sampleTensors(), Map.of())).getMessage());
    }

    @Test
    void successfulSaveReplacesTheFile() throws IOException {
        Path file = written();
        Map<String, INDArray> other = Map.of("x", Nd4j.createFromArray(7.0));
        SafeTensors.write(file, other, Map.of());
        assertEquals(other.get("x"), SafeTensors.read(file).tensor("x"));
        assertEquals(List.of(file), filesIn());
    }
}
