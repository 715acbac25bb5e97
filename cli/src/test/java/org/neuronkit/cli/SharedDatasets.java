package org.neuronkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The project's shared datasets folder, which CI lays beside the clone ({@code ../shared} of the
 * project root, so {@code ../../shared} from this module's directory, where Maven runs the tests).
 * Tests that need it skip when it is absent.
 */
final class SharedDatasets {
    private SharedDatasets() {
    }

    /** The directory holding Fashion-MNIST's four IDX files, if present. */
    static Optional<Path> fashionMnist() {
        return Stream.of(Path.of("..", "..", "shared", "datasets", "fashion-mnist"), Path.of("..", "shared", "datasets", "fashion-mnist"),
                        Path.of("/work/shared/datasets/fashion-mnist"))
                .filter(dir -> Files.isRegularFile(dir.resolve("train-labels-idx1-ubyte.gz")))
                .findFirst()
                .map(Path::toAbsolutePath);
    }
}
