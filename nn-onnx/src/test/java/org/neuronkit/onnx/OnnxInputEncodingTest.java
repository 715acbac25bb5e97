package org.neuronkit.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.data.InputEncoding;
import org.neuronkit.io.ModelFile;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;

/** A model whose raw columns are one-hot encoded or filled with means is refused by ONNX export, by name, before any file is written. */
class OnnxInputEncodingTest {
    @Test
    void exportRefusesAnInputEncodingByName(@TempDir Path dir) {
        InputEncoding encoding = InputEncoding.of(List.of(InputEncoding.Column.numeric("width"),
                new InputEncoding.Column("colour", List.of("green", "red"))));
        Network network = Network.builder(3).output(2, Losses.softmaxCrossEntropy()).build();
        Path file = dir.resolve("model.onnx");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> OnnxExport.write(new ModelFile.Model(network, null, null, List.of(), null, encoding), file));
        assertEquals("the model's input encoding (one-hot categorical columns colour) has no ONNX export: the graph would take the"
                + " encoded numeric features, not the raw rows the model takes. Serve it with predict or Predictor.", e.getMessage());
        assertFalse(Files.exists(file));

        InputEncoding means = InputEncoding.of(List.of(InputEncoding.Column.numeric("a"), InputEncoding.Column.numeric("b"),
                InputEncoding.Column.numeric("c"))).withMeansOf(Nd4j.createFromArray(new double[][] {{1, 2, 3}}));
        e = assertThrows(ConfigurationException.class,
                () -> OnnxExport.toModel(new ModelFile.Model(network, null, null, List.of(), null, means)));
        assertEquals("the model's input encoding (missing values filled with training means (--missing mean)) has no ONNX export:"
                + " the graph would take the encoded numeric features, not the raw rows the model takes. Serve it with predict or"
                + " Predictor.", e.getMessage());
        OnnxExport.toModel(new ModelFile.Model(network, null, null, List.of(), null,
                InputEncoding.of(List.of(InputEncoding.Column.numeric("a"), InputEncoding.Column.numeric("b"), InputEncoding.Column.numeric("c")))));
    }
}
