package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuronkit.activation.Activations;
import org.neuronkit.cli.TrainCommandTest.Result;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.Normalizer;
import org.neuronkit.io.ModelFile;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.onnx.proto.Onnx.ModelProto;

/** {@code neuronkit export} and {@code neuronkit import}: a model survives the trip through ONNX; bad input is one line. */
class OnnxCommandsTest {
    @TempDir
    Path dir;

    @Test
    void exportThenImportKeepsTheLayersTheNormaliserAndTheClassNames() throws Exception {
        INDArray x = BundledDatasets.digits().features().get(NDArrayIndex.interval(0, 50), NDArrayIndex.all());
        Network network = Network.builder(64).maxout(12, 2).dropout(0.2).dense(10, Activations.swishLearnedPerNeuron(1.2))
                .batchNorm().output(10, Losses.softmaxCrossEntropy()).seed(9).build();
        List<String> names = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");
        Path model = dir.resolve("model.safetensors");
        ModelFile.save(network, Normalizer.standardize().fit(x), null, names, model);

        Path onnx = dir.resolve("model.onnx");
        Result exported = run("export", "--model", model.toString(), "--format", "onnx", "--out", onnx.toString());
        assertEquals(0, exported.code(), exported.err());
        assertTrue(exported.out().startsWith("wrote " + onnx + ": ONNX opset 13, input 'input' [N, 64] raw features (normaliser included)"),
                exported.out());

        Path back = dir.resolve("back.safetensors");
        Result imported = run("import", "--onnx", onnx.toString(), "--out", back.toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().contains("wrote " + back + " (with the graph's input normaliser and the output names " + names + ")"),
                imported.out());
        ModelFile.Model original = ModelFile.load(model);
        ModelFile.Model again = ModelFile.load(back);
        assertEquals(names, again.outputNames());
        assertEquals(network.specs(), again.network().specs());
        assertEquals(0, original.output(x).sub(again.output(x)).amaxNumber().doubleValue(), 1e-6);
    }

    @Test
    void aGraphWithoutNeuronKitsRecordIsReadByItsOpsAndAnOpItCannotMapIsNamed() throws Exception {
        Network network = Network.builder(64).maxout(12, 2).output(10, Losses.softmaxCrossEntropy()).seed(9).build();
        Path model = dir.resolve("model.safetensors");
        ModelFile.save(network, null, model);
        Path onnx = dir.resolve("model.onnx");
        assertEquals(0, run("export", "--model", model.toString(), "--out", onnx.toString()).code());
        Files.write(onnx, ModelProto.parseFrom(Files.readAllBytes(onnx)).toBuilder().clearMetadataProps().build().toByteArray());

        Result refused = run("import", "--onnx", onnx.toString(), "--out", dir.resolve("back.safetensors").toString());
        assertEquals(ExitCode.MODEL_FILE.code, refused.code());
        assertTrue(refused.err().startsWith("neuronkit: file " + onnx + ": node 'layers.0/Reshape' (Reshape) is an op NeuronKit cannot import"),
                refused.err());
        assertFalse(Files.exists(dir.resolve("back.safetensors")));
    }

    @Test
    void importWritesAModelThatPredictsLikeTheExportedOne() {
        INDArray x = BundledDatasets.digits().features().get(NDArrayIndex.interval(0, 50), NDArrayIndex.all());
        Network network = Network.builder(64).dense(16, Activations.elu(0.7)).dropout(0.1).dense(12, Activations.tanh())
                .output(10, Losses.softmaxCrossEntropy()).seed(4).build();
        Path model = dir.resolve("model.safetensors");
        ModelFile.save(network, Normalizer.minMax().fit(x), model);
        Path onnx = dir.resolve("model.onnx");
        assertEquals(0, run("export", "--model", model.toString(), "--out", onnx.toString()).code());

        Path back = dir.resolve("back.safetensors");
        Result imported = run("import", "--onnx", onnx.toString(), "--out", back.toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().contains("wrote " + back + " (with the graph's input normaliser)"), imported.out());
        float[][] original = ModelFile.load(model).output(x).toFloatMatrix();
        float[][] again = ModelFile.load(back).output(x).toFloatMatrix();
        for (int i = 0; i < original.length; i++) {
            for (int j = 0; j < original[i].length; j++) {
                assertEquals(original[i][j], again[i][j], 1e-6, "row " + i + ", class " + j);
            }
        }
    }

    @Test
    void badFormatAndNonOnnxFileAreOneLine() throws Exception {
        Path model = dir.resolve("model.safetensors");
        ModelFile.save(Network.builder(4).output(2, Losses.softmaxCrossEntropy()).build(), null, model);
        Result format = run("export", "--model", model.toString(), "--format", "pmml", "--out", dir.resolve("m.pmml").toString());
        assertEquals(ExitCode.CONFIGURATION.code, format.code());
        assertEquals("neuronkit: unknown export format 'pmml'; known: onnx", format.err().strip());

        Path notOnnx = Files.writeString(dir.resolve("notes.onnx"), "plain text");
        Result result = run("import", "--onnx", notOnnx.toString(), "--out", dir.resolve("m.safetensors").toString());
        assertEquals(ExitCode.MODEL_FILE.code, result.code());
        assertTrue(result.err().startsWith("neuronkit: file " + notOnnx + ": not an ONNX model"), result.err());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertFalse(Files.exists(dir.resolve("m.safetensors")));
    }
}
