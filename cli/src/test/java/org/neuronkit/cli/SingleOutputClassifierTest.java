package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.activation.Activations;
import org.neuronkit.io.ModelFile;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;

/**
 * A model with one logistic output ŷ = σ(w·x + b) (as PyTorch's binary classifiers, imported from ONNX, are)
 * is a two-class classifier in predict, eval and inspect: class 1 iff ŷ ≥ 0.5, P(class 0) = 1 − ŷ.
 */
class SingleOutputClassifierTest {
    @TempDir
    Path dir;

    @Test
    void predictEvalAndInspectSeeTwoClasses() throws IOException {
        Network network = Network.builder(2).output(1, Losses.logisticCrossEntropy()).dataType(DataType.FLOAT).build();
        network.parameters().assign(Nd4j.createFromArray(2f, -1f, 0f)); // w = (2, −1), b = 0
        Path model = dir.resolve("binary.safetensors");
        ModelFile.save(network, null, null, model);
        double[][] x = {{1, 0}, {-1, 0}, {0, 0}, {0.25, 1}};
        StringBuilder rows = new StringBuilder("a,b\n");
        StringBuilder labelled = new StringBuilder("a,b,label\n");
        int[] labels = {1, 0, 0, 0};
        for (int n = 0; n < x.length; n++) {
            rows.append(x[n][0]).append(',').append(x[n][1]).append('\n');
            labelled.append(x[n][0]).append(',').append(x[n][1]).append(',').append(labels[n]).append('\n');
        }
        Path input = Files.writeString(dir.resolve("x.csv"), rows.toString());

        TrainCommandTest.Result predicted = run("predict", "--model", model.toString(), "--data", input.toString(), "--probabilities");
        assertEquals(0, predicted.code(), predicted.err());
        List<String> lines = predicted.out().lines().toList();
        assertEquals("class,name,probability,p_0,p_1", lines.get(0));
        for (int n = 0; n < x.length; n++) {
            double p = 1 / (1 + Math.exp(-(2 * x[n][0] - x[n][1])));
            int c = p >= 0.5 ? 1 : 0; // row 2: σ(0) = 0.5 is class 1
            assertEquals(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f", c, c, c == 1 ? p : 1 - p, 1 - p, p), lines.get(n + 1), "row " + n);
        }

        Path labelledFile = Files.writeString(dir.resolve("labelled.csv"), labelled.toString());
        TrainCommandTest.Result evaluated = run("eval", "--model", model.toString(), "--data", labelledFile.toString());
        assertEquals(0, evaluated.code(), evaluated.err());
        assertTrue(evaluated.out().startsWith("accuracy 0.7500"), "rows 0, 1 and 3 right (classes 1, 0, 0), row 2 (σ(0) = 0.5:"
                + " class 1, label 0) wrong: " + evaluated.out());

        TrainCommandTest.Result inspected = run("inspect", "--model", model.toString());
        assertEquals(0, inspected.code(), inspected.err());
        assertTrue(inspected.out().contains("classes 0, 1\n"), inspected.out());
    }
}
