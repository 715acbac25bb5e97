package org.neuronkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ModelFileException;
import org.neuronkit.data.Normalizer;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;

/** The CRC32C of every tensor's data, recorded by the writer and checked by the reader. */
class ChecksumTest {
    @TempDir
    Path dir;

    /** A model small enough to flip each of its data bits: 2 → 2 output layer and a standardising normaliser. */
    private Path smallModel() {
        Network network = Network.builder(2).seed(4).output(2, Losses.softmaxCrossEntropy()).build();
        Nd4j.getRandom().setSeed(4);
        Normalizer normalizer = Normalizer.standardize().fit(Nd4j.rand(DataType.FLOAT, 10, 2).muli(3));
        Path file = dir.resolve("small.safetensors");
        ModelFile.save(network, normalizer, file);
        return file;
    }

    /** The tensor whose data holds byte {@code at} of the data section, from the header as {@link SafeTensors} reads it. */
    private static String tensorAt(Path file, long at) {
        try (SafeTensors.Opened opened = SafeTensors.open(file, SafeTensors.MAX_HEADER_BYTES)) {
            long begin = 0;
            for (Map.Entry<String, SafeTensors.TensorInfo> t : opened.tensors().entrySet()) {
                long end = begin + t.getValue().length() * t.getValue().dataType().width();
                if (at < end) {
                    return t.getKey();
                }
                begin = end;
            }
        }
        throw new AssertionError("byte " + at + " is beyond the data");
    }

    @Test
    void everyBitFlipInTensorDataIsRefusedNamingTheTensor() throws IOException {
        Path good = smallModel();
        byte[] bytes = Files.readAllBytes(good);
        int dataStart = 8 + (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Path damaged = dir.resolve("damaged.safetensors");
        int flips = 0;
        for (int at = dataStart; at < bytes.length; at++) {
            String tensor = tensorAt(good, at - dataStart);
            for (int bit = 0; bit < 8; bit++) {
                byte[] copy = bytes.clone();
                copy[at] ^= (byte) (1 << bit);
                Files.write(damaged, copy);
                String message = assertThrows(ModelFileException.class, () -> ModelFile.load(damaged),
                        "a flip of bit " + (8 * (long) at + bit) + " loaded").getMessage();
                assertTrue(message.startsWith("file " + damaged + ": tensor '" + tensor + "' is damaged: its data's CRC32C is "), message);
                flips++;
            }
        }
        assertEquals(8 * (bytes.length - dataStart), flips);
        assertTrue(flips >= 8 * 4 * (4 + 2 + 2 + 2), "every parameter and normaliser value was flipped: " + flips);
    }

    /** Without the recorded checksums the same kind of flip loads: the checksum is what refuses it. */
    @Test
    void withoutChecksumsAFlippedSignLoads() throws IOException {
        SafeTensors.Contents contents = SafeTensors.read(smallModel());
        Map<String, INDArray> tensors = new LinkedHashMap<>(contents.tensors());
        tensors.get("layers.0.bias").muli(-1);
        Path unchecked = dir.resolve("unchecked.safetensors");
        SafeTensors.write(unchecked, tensors, contents.metadata());
        assertEquals(tensors.get("layers.0.bias"), ModelFile.load(unchecked).network().layers().get(0).parameterViews().get("bias"));
        byte[] bytes = Files.readAllBytes(unchecked);
        String header = new String(bytes, 8, (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
        assertTrue(header.contains("\"" + SafeTensors.CHECKSUM_KEY + "\":\"{\\\"layers.0.weight\\\":\\\""), header);
    }

    /** A file of format 2 written before checksums (committed fixture) loads, and saving it again adds them and keeps every value. */
    @Test
    void aFileWithoutChecksumsLoadsAndSavingItAgainAddsThem() throws Exception {
        Path old = FormatVersion1Test.fixture("model-v2-no-checksum.safetensors");
        assertTrue(!SafeTensors.read(old).metadata().containsKey(SafeTensors.CHECKSUM_KEY));
        ModelFile.Model model = ModelFile.load(old);
        Path again = dir.resolve("again.safetensors");
        ModelFile.save(model.network(), model.normalizer(), again);
        SafeTensors.Contents before = SafeTensors.read(old);
        SafeTensors.Contents after = SafeTensors.read(again);
        assertEquals(before.tensors().keySet(), after.tensors().keySet());
        before.tensors().forEach((name, t) -> assertEquals(t, after.tensors().get(name), name));
        INDArray x = Nd4j.create(new float[][] {{0, 1, -2, 3}, {5, -1, 0.5f, 2}});
        assertArrayEquals(model.output(x).data().asFloat(), ModelFile.load(again).output(x).data().asFloat());
    }

    /** A tensor read in several chunks (here 2.25 MB, the reader's chunk is 1 MB) has its checksum over all of them. */
    @Test
    void aTensorLargerThanOneReadChunkLoadsAndADamagedLastChunkIsFound() throws IOException {
        Network network = Network.builder(750).seed(3).output(750, Losses.softmaxCrossEntropy()).build();
        Path file = dir.resolve("large.safetensors");
        ModelFile.save(network, null, file);
        assertEquals(network.parameters(), ModelFile.load(file).network().parameters());
        byte[] bytes = Files.readAllBytes(file);
        int dataStart = 8 + (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        bytes[dataStart + 750 * 750 * 4 - 1] ^= 1;
        Path damaged = dir.resolve("large-damaged.safetensors");
        Files.write(damaged, bytes);
        String message = assertThrows(ModelFileException.class, () -> ModelFile.load(damaged)).getMessage();
        assertTrue(message.startsWith("file " + damaged + ": tensor 'layers.0.weight' is damaged"), message);
    }

    @Test
    void aDamagedChecksumEntryIsRefused() throws IOException {
        Path good = smallModel();
        String text = new String(Files.readAllBytes(good), java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("layers.0.bias\\\":\\\"") + "layers.0.bias\\\":\\\"".length();
        Path bad = dir.resolve("bad-entry.safetensors");
        Files.write(bad, (text.substring(0, at) + "zz" + text.substring(at + 2)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        String message = assertThrows(ModelFileException.class, () -> ModelFile.load(bad)).getMessage();
        assertTrue(message.startsWith("file " + bad + ": metadata '" + SafeTensors.CHECKSUM_KEY + "' is {"), message);
    }
}
