package org.neuronkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.DataException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.BatchSource;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.CsvReader;
import org.neuronkit.data.DataSet;
import org.neuronkit.data.Minibatches;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Adam;

class StreamedTrainingTest {
    @TempDir
    Path dir;

    private static Network network() {
        return Network.builder(64).dense(64, Activations.relu()).output(10, Losses.softmaxCrossEntropy()).seed(42).build();
    }

    @Test
    void inMemoryMinibatchesAsASourceTrainExactlyLikeTheDataSet() {
        DataSet.Split split = BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling()).split(0.8, 42);
        try (Network viaDataSet = network(); Network viaSource = network();
             Minibatches batches = new Minibatches(split.train(), 32, 7)) {
            new Trainer(new Adam(0.002), 32, 3, 7).fit(viaDataSet, split.train(), null);
            new Trainer(new Adam(0.002), 32, 3, 7).fit(viaSource, batches, null);
            assertArrayEquals(viaDataSet.parameters().toFloatVector(), viaSource.parameters().toFloatVector());
        }
    }

    @Test
    void learnsTheDigitsStreamedFromACsvFile() throws IOException {
        DataSet.Split split = BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling()).split(0.8, 42);
        Path file = dir.resolve("digits-train.csv");
        float[][] x = split.train().features().toFloatMatrix();
        int[] labels = split.train().labels();
        try (Writer w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < x.length; i++) {
                StringBuilder line = new StringBuilder();
                for (float v : x[i]) {
                    line.append(v).append(',');
                }
                w.write(line.append(labels[i]).append('\n').toString());
            }
        }
        try (Network network = network();
             BatchSource source = BatchSource.csv(file, CsvReader.defaults().withClasses(10), 32, 200, 42)) {
            TrainingReport report = new Trainer(new Adam(0.002), 32, 15, 42).fit(network, source, split.test());
            assertEquals(15, report.epochs().size());
            assertTrue(report.last().validationAccuracy() >= 0.93, "test accuracy " + report.last().validationAccuracy());
        }
    }

    @Test
    void aSourceThatDoesNotFitTheNetworkIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("three.csv"), "1,2,3,0\n4,5,6,1\n");
        try (Network network = network(); BatchSource source = BatchSource.csv(file, CsvReader.defaults(), 2, 2, 1)) {
            DataException e = assertThrows(DataException.class, () -> new Trainer(new Adam(0.01), 2, 1, 1).fit(network, source, null));
            assertTrue(e.getMessage().contains("3 features and 2 classes/targets per sample, but the network has 64 inputs and 10 outputs"),
                    e.getMessage());
        }
    }
}
