package org.neuronkit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ModelFileException;
import org.neuronkit.NeuronKitException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.CsvReader;
import org.neuronkit.data.IdxReader;
import org.neuronkit.data.Normalizer;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Adam;
import org.neuronkit.testing.Fuzzer;
import org.neuronkit.testing.Fuzzer.Mutation;

/**
 * Thousands of mutated and truncated valid files per reader: each must load or fail with the
 * toolkit's own exception; no other exception, no OutOfMemoryError, no input slower than 5 s. Each
 * reader gets at most {@value #MAX_INPUTS} inputs and {@value #BUDGET_SECONDS} s; the counts are
 * printed ({@code fuzz ...} lines) and at least {@value #MIN_INPUTS} are required, so that a heavily
 * loaded machine still passes.
 */
class ReaderFuzzTest {
    private static final int MAX_INPUTS = 4000;
    private static final int MIN_INPUTS = 1000;
    private static final int BUDGET_SECONDS = 12;

    @TempDir
    Path dir;

    private static void check(Fuzzer.Outcome outcome) {
        System.out.println("fuzz " + outcome);
        assertEquals(List.of(), outcome.failures(), outcome.toString());
        assertTrue(outcome.tried() >= MIN_INPUTS, outcome.toString());
        assertTrue(outcome.loaded() > 0 && outcome.refused() > 0, "the mutations both keep and break files: " + outcome);
    }

    private Fuzzer.Outcome fuzz(String name, List<byte[]> seeds, List<Mutation> mutations, java.util.function.Consumer<Path> reader,
            long seed) {
        return Fuzzer.run(name, seeds, mutations, reader, dir, seed, MAX_INPUTS, BUDGET_SECONDS * 1_000_000_000L);
    }

    private static byte[] idx(int magic, int[] dims, int payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        byte[] data = new byte[payload];
        new Random(payload).nextBytes(data);
        out.write(data);
        return bytes.toByteArray();
    }

    /** Sets the last four bytes (a gzip file's ISIZE) to an extreme value. */
    private static Mutation gzipTrailer() {
        return (file, random) -> {
            byte[] out = file.clone();
            if (out.length >= 4) {
                int[] values = {0, -1, Integer.MAX_VALUE, 1 << 30, random.nextInt()};
                ByteBuffer.wrap(out, out.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(values[random.nextInt(values.length)]);
            }
            return out;
        };
    }

    private static List<Mutation> idxMutations() {
        return List.of(Fuzzer.bitFlips(), Fuzzer.truncation(), Fuzzer.trailingBytes(),
                Fuzzer.extremeField(new int[] {0, 4, 8, 12}, 4, true), Fuzzer.gzip(), gzipTrailer());
    }

    @Test
    void idxImageReader() throws IOException {
        List<byte[]> seeds = List.of(idx(0x803, new int[] {5, 4, 3}, 60), idx(0x803, new int[] {1, 28, 28}, 784),
                idx(0x801, new int[] {7}, 7));
        check(fuzz("IDX images", seeds, idxMutations(), IdxReader::readImages, 11));
    }

    @Test
    void idxLabelReader() throws IOException {
        List<byte[]> seeds = List.of(idx(0x801, new int[] {9}, 9), idx(0x801, new int[] {300}, 300), idx(0x803, new int[] {2, 2, 2}, 8));
        check(fuzz("IDX labels", seeds, idxMutations(), IdxReader::readLabels, 12));
    }

    @Test
    void csvReader() {
        StringBuilder plain = new StringBuilder();
        StringBuilder withHeader = new StringBuilder("a,b,c,label\n");
        Random random = new Random(3);
        for (int i = 0; i < 20; i++) {
            String row = String.format(java.util.Locale.ROOT, "%.3f,%d,%.1e,%d%n", random.nextGaussian(), i, random.nextDouble(), i % 3);
            plain.append(row);
            withHeader.append(row);
        }
        List<byte[]> seeds = List.of(plain.toString().getBytes(StandardCharsets.UTF_8), withHeader.toString().getBytes(StandardCharsets.UTF_8));
        List<Mutation> mutations = List.of(Fuzzer.bitFlips(), Fuzzer.truncation(), Fuzzer.trailingBytes(), Fuzzer.gzip(),
                Fuzzer.textReplacement("-?\\d+(\\.\\d+)?(e-?\\d+)?", "1e9", "2147483646", "-1", "NaN", "Infinity", "abc", "", "1e400",
                        "0x10", "9".repeat(400), "2.5", "10000"),
                Fuzzer.textReplacement(",", ",,", ";", "", "\n"),
                Fuzzer.textReplacement("\n", "", "\r", "\n\n", ",\n", "\r\n"));
        CsvReader labelled = CsvReader.defaults();
        CsvReader headed = CsvReader.defaults().withHeader(true).withClasses(3);
        int[] round = {0};
        check(fuzz("CSV", seeds, mutations, file -> {
            switch (round[0]++ % 3) {
                case 0 -> labelled.read(file);
                case 1 -> headed.read(file);
                default -> CsvReader.defaults().readFeatures(file);
            }
        }, 13));
    }

    /** Replaces the header JSON of a safetensors file by a mutated one, with the length prefix made to match. */
    /** A committed file written before checksums: mutants of it must load or fail as the others do. */
    private static byte[] fixture(String name) throws IOException {
        try {
            return Files.readAllBytes(FormatVersion1Test.fixture(name));
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
    }

    /** Flips one to eight bits of the tensor data (after the header). */
    private static Mutation inData() {
        return (file, random) -> {
            int dataStart = 8 + (int) ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            byte[] out = file.clone();
            for (int i = 1 + random.nextInt(8); i > 0; i--) {
                out[dataStart + random.nextInt(file.length - dataStart)] ^= (byte) (1 << random.nextInt(8));
            }
            return out;
        };
    }

    /**
     * Every mutant whose tensor data has flipped bits, from models and checkpoints that record
     * checksums, is refused as damaged, naming a tensor: none loads.
     */
    @Test
    void tensorDataFlipsInCheckedFilesAreAllRefused() throws IOException {
        Network network = Network.builder(6).seed(2).dense(5, Activations.relu()).batchNorm().output(3, Losses.softmaxCrossEntropy()).build();
        Normalizer normalizer = Normalizer.minMax().fit(Nd4j.rand(DataType.FLOAT, 20, 6));
        Path model = dir.resolve("model.safetensors");
        ModelFile.save(network, normalizer, model);
        Adam adam = new Adam(0.01);
        adam.prepare(network.parameters());
        Path checkpoint = dir.resolve("checkpoint.safetensors");
        Checkpoint.of(network, normalizer, adam, 1, 10, network.randomState()).save(checkpoint);
        Fuzzer.Outcome outcome = Fuzzer.run("checksummed tensor data", List.of(Files.readAllBytes(model), Files.readAllBytes(checkpoint)),
                List.of(inData()), file -> {
                    try {
                        ModelFile.load(file);
                    } catch (ModelFileException e) {
                        if (!e.getMessage().contains("' is damaged: its data's CRC32C is ")) {
                            throw new AssertionError("refused, but not as damaged: " + e.getMessage(), e);
                        }
                        throw e;
                    }
                    throw new AssertionError("a mutant with flipped data bits loaded");
                }, dir, 21, 1000, BUDGET_SECONDS * 1_000_000_000L);
        System.out.println("fuzz " + outcome);
        assertEquals(List.of(), outcome.failures(), outcome.toString());
        assertEquals(outcome.tried(), outcome.refused(), outcome.toString());
        assertTrue(outcome.tried() >= 200, outcome.toString());
    }

    private static Mutation inHeader(Mutation textMutation) {
        return (file, random) -> {
            if (file.length < 8) {
                return file;
            }
            long length = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (length < 0 || length > file.length - 8) {
                return file;
            }
            byte[] header = textMutation.apply(Arrays.copyOfRange(file, 8, 8 + (int) length), random);
            ByteBuffer out = ByteBuffer.allocate(file.length - (int) length + header.length).order(ByteOrder.LITTLE_ENDIAN);
            out.putLong(header.length).put(header).put(file, 8 + (int) length, file.length - 8 - (int) length);
            return out.array();
        };
    }

    @Test
    void modelFileLoader() throws IOException {
        Network network = Network.builder(4).seed(9)
                .dense(6, Activations.parse("swish(learn,1.0)")).dropout(0.2)
                .maxout(3, 2)
                .output(3, Losses.softmaxCrossEntropy()).build();
        Normalizer normalizer = Normalizer.standardize().fit(Nd4j.rand(DataType.FLOAT, 20, 4));
        Path model = dir.resolve("model.safetensors");
        ModelFile.save(network, normalizer, new DataSplit("digits", 42, 0.8, 0.1), model);
        Adam adam = new Adam(0.01);
        adam.prepare(network.parameters());
        Path checkpoint = dir.resolve("checkpoint.safetensors");
        Checkpoint.of(network, normalizer, adam, 3, 30, network.randomState()).save(checkpoint);
        Path small = dir.resolve("small.safetensors");
        ModelFile.save(Network.builder(2).output(2, Losses.softmaxCrossEntropy()).build(), null, small);
        List<byte[]> seeds = List.of(Files.readAllBytes(model), Files.readAllBytes(checkpoint), Files.readAllBytes(small),
                fixture("model-v1.safetensors"), fixture("checkpoint-v1.safetensors"), fixture("model-v2-no-checksum.safetensors"));

        List<Mutation> mutations = List.of(Fuzzer.bitFlips(), Fuzzer.truncation(), Fuzzer.trailingBytes(),
                Fuzzer.extremeField(new int[] {0, 4}, 8, false),
                inHeader(Fuzzer.textReplacement("\\d+(\\.\\d+)?", "-1", "0", "4294967296", "99999999999999999999", "1e308", "-0.5",
                        "2147483647", "1000000")),
                inHeader(Fuzzer.textReplacement("[\\[\\]{}:,]", "", "[[", "}", "{", "\"", ",,")),
                inHeader(Fuzzer.textReplacement("F32|F64|I64|relu|softmax|swish|maxout|dense|dropout|output|standardize|weight|bias",
                        "F16", "I8", "F64", "tanh", "relu", "linear", "output", "dense", "x", "")),
                inHeader(Fuzzer.textReplacement("\\\\\"", "\"", "\\\\\\\"", "")),
                inHeader(Fuzzer.bitFlips()));
        check(fuzz("model files", seeds, mutations, file -> {
            ModelFile.load(file);
            try {
                Checkpoint.load(file);
            } catch (NeuronKitException e) {
                // a model is not a checkpoint: only other failures count
            }
        }, 14));
    }
}
