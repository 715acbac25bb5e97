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
        return datasets().map(dir -> dir.resolve("fashion-mnist")).filter(dir -> Files.isRegularFile(dir.resolve("train-labels-idx1-ubyte.gz")));
    }

    /** The shared datasets folder (it holds iris.csv), if present. */
    static Optional<Path> datasets() {
        return Stream.of(Path.of("..", "..", "shared", "datasets"), Path.of("..", "shared", "datasets"), Path.of("/work/shared/datasets"))
                .filter(dir -> Files.isRegularFile(dir.resolve("iris.csv")))
                .findFirst()
                .map(Path::toAbsolutePath);
    }
}
