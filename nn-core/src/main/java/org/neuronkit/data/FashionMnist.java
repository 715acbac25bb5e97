package org.neuronkit.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.neuronkit.DataException;

/**
 * Fashion-MNIST (Zalando Research, MIT licence) from a directory holding its four IDX files under
 * their usual names, gzipped or not: 60,000 training and 10,000 test 28×28 grey images of clothing
 * in 10 classes. Pixels are raw 0..255; fit a {@link Normalizer} on the training set.
 *
 * <h2>Shapes</h2>
 * features N × 784 (FLOAT), targets N × 10.
 */
public final class FashionMnist {
    /** The class names, by label. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    /** The 60,000 training images and labels in {@code dir}. */
    public static DataSet train(Path dir) {
        return IdxReader.read(file(dir, "train-images-idx3-ubyte"), file(dir, "train-labels-idx1-ubyte"), CLASSES.size());
    }

    /** The 10,000 test images and labels in {@code dir}. */
    public static DataSet test(Path dir) {
        return IdxReader.read(file(dir, "t10k-images-idx3-ubyte"), file(dir, "t10k-labels-idx1-ubyte"), CLASSES.size());
    }

    private static Path file(Path dir, String name) {
        for (String candidate : new String[] {name + ".gz", name}) {
            Path file = dir.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new DataException("directory " + dir + " has no " + name + ".gz or " + name
                + ": get Fashion-MNIST from github.com/zalandoresearch/fashion-mnist (or Debian's package"
                + " dataset-fashion-mnist, which installs it in /usr/share/datasets/fashion-mnist)");
    }
}
