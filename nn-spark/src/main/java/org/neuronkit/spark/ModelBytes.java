package org.neuronkit.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.neuronkit.data.Normalizer;
import org.neuronkit.io.ModelFile;
import org.neuronkit.network.Network;

/**
 * A network as the bytes of its NeuronKit model file ({@link ModelFile}, the safetensors layout that
 * {@code neuronkit eval} and {@code predict} read): the form a fitted model is broadcast to executors
 * in and stored in by {@link ModelWriter}. Goes through a temporary file, since ModelFile reads and
 * writes files; the file is deleted at once.
 */
final class ModelBytes {
    private ModelBytes() {
    }

    /**
     * The model file of {@code network} (no input normaliser) and the scaling its outputs undo
     * ({@code targetScaling}, null for none), as bytes.
     */
    static byte[] of(Network network, Normalizer targetScaling) {
        Path file = tempFile();
        try {
            ModelFile.save(new ModelFile.Model(network, null, null, List.of(), targetScaling), file);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(file);
        }
    }

    /** The model a model file's {@code bytes} hold; a {@link org.neuronkit.ModelFileException} if they are not one. */
    static ModelFile.Model load(byte[] bytes) {
        Path file = tempFile();
        try {
            Files.write(file, bytes);
            return ModelFile.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(file);
        }
    }

    private static Path tempFile() {
        try {
            return Files.createTempFile("neuronkit-spark-", ".safetensors");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
