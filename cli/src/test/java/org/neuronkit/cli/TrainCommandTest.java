package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.io.ModelFile;
import org.neuronkit.loss.ClassWeights;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import picocli.CommandLine;

class TrainCommandTest {

    /** Runs the command line and returns exit code, stdout and stderr. */
    static Result run(String... args) {
        CommandLine commandLine = NeuronKitCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int code, String out, String err) {
    }

    @Test
    void trainWritesAnEpochLinePerEpochAndAReport(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        Result result = run("train", "--epochs", "3", "--hidden", "32", "--out", runDir.toString());
        assertEquals(0, result.code(), result.err());
        assertEquals(3, result.out().lines().filter(l -> l.startsWith("epoch ")).count(), result.out());
        JsonNode report = new ObjectMapper().readTree(Files.readString(runDir.resolve("report.json")));
        for (String key : new String[] {"dataset", "backend", "epochs", "test_accuracy", "final_loss", "train_seconds", "samples_per_second"}) {
            assertTrue(report.has(key), "report.json lacks " + key + ": " + report);
        }
        assertEquals("digits", report.get("dataset").asText());
        assertEquals("cpu", report.get("backend").asText());
        assertEquals(3, report.get("epochs").asInt());
        assertTrue(report.get("test_accuracy").asDouble() > 0.5, report.toString());
        assertFalse(Files.exists(runDir.resolve("report.json.tmp")));
    }

    @Test
    void defaultRunReachesTheDigitsTarget(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        Result result = run("train", "--out", runDir.toString());
        assertEquals(0, result.code(), result.err());
        JsonNode report = new ObjectMapper().readTree(Files.readString(runDir.resolve("report.json")));
        assertEquals(20, report.get("epochs").asInt());
        assertTrue(report.get("test_accuracy").asDouble() >= 0.95, report.get("test_accuracy").toString());
    }

    /** The help lists every registered name, the parameterised ones with their placeholders (compared without the wrapping's spaces). */
    @Test
    void helpListsTheRegisteredNames() {
        Result result = run("train", "--help");
        assertEquals(0, result.code(), result.err());
        String help = result.out().replaceAll("\\s+", "");
        for (String name : new String[] {"identity", "swish(β|learn,β|learn-neuron,β)", "maxout(pieces)", "minmax(global)",
                "momentum(mu=0.9)", "step(EVERY,GAMMA)"}) {
            assertTrue(help.contains(name), name + " missing from: " + help);
        }
        for (var registry : java.util.List.of(org.neuronkit.activation.Activations.REGISTRY, org.neuronkit.optim.Optimizers.REGISTRY)) {
            registry.usages().stream().filter(usage -> !usage.equals("softmax"))
                    .forEach(usage -> assertTrue(help.contains(usage.replaceAll("\\s+", "")), usage + " missing from: " + help));
        }
    }

    /** {@code --activation maxout(K)} makes the hidden layers maxout layers of K pieces, as the saved model shows. */
    @Test
    void maxoutIsAHiddenLayerKind(@TempDir Path dir) {
        Path runDir = dir.resolve("run");
        Result result = run("train", "--epochs", "1", "--hidden", "16", "--activation", "maxout(3)", "--out", runDir.toString());
        assertEquals(0, result.code(), result.err());
        var network = org.neuronkit.io.ModelFile.load(runDir.resolve("model.safetensors")).network();
        assertEquals(new org.neuronkit.layer.MaxoutSpec(16, 3), network.specs().get(0));
    }

    @Test
    void unknownActivationIsNamedAndNothingIsTrained(@TempDir Path dir) {
        Result result = run("train", "--activation", "relux", "--out", dir.resolve("run").toString());
        assertEquals(ExitCode.CONFIGURATION.code, result.code());
        assertTrue(result.err().startsWith("neuronkit: unknown activation 'relux'"), result.err());
        assertFalse(result.out().contains("epoch"), result.out());
    }

    /** --l1, --loss and --class-weights reach the saved model: λ₁, and the balanced weights inside the loss's spec. */
    @Test
    void l1LossAndClassWeightsAreSavedWithTheModel(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        Result result = run("train", "--epochs", "1", "--hidden", "16", "--l1", "1e-4", "--loss", "logistic-cross-entropy",
                "--class-weights", "balanced", "--out", runDir.toString());
        assertEquals(0, result.code(), result.err());
        Network network = ModelFile.load(runDir.resolve("model.safetensors")).network();
        assertEquals(1e-4, network.l1());
        // balanced weights of the training part (the 80 % split less its 10 % validation), computed independently
        DataSet train = BundledDatasets.digits().split(0.8, 42).train().split(0.9, 43).train();
        assertEquals(Losses.logisticCrossEntropy(ClassWeights.balanced(ClassWeights.counts(train.targets()))).spec(),
                network.loss().spec());
        JsonNode settings = new ObjectMapper().readTree(runDir.resolve("settings.json").toFile());
        assertEquals("balanced", settings.get("model").get("classWeights").asText());
        assertEquals("logistic-cross-entropy", settings.get("model").get("loss").asText());
    }

    @Test
    void classWeightsThatCannotApplyAreRefusedBeforeTraining(@TempDir Path dir) {
        Result regression = run("train", "--loss", "huber(1.0)", "--class-weights", "balanced", "--out", dir.resolve("a").toString());
        assertEquals(ExitCode.CONFIGURATION.code, regression.code());
        assertEquals("neuronkit: --class-weights weighs a cross-entropy; the loss huber(1.0) has no classes", regression.err().strip());
        Result squared = run("train", "--loss", "squared-error(logistic)", "--out", dir.resolve("c").toString());
        assertEquals(ExitCode.CONFIGURATION.code, squared.code());
        assertTrue(squared.err().strip().startsWith("neuronkit: --loss squared-error(logistic) is a regression loss, and the task is"
                + " classification"), squared.err());
        Result count = run("train", "--class-weights", "1,2", "--out", dir.resolve("b").toString());
        assertEquals(ExitCode.CONFIGURATION.code, count.code());
        assertEquals("neuronkit: 2 class weights [1.000, 2.000] for an output layer of 10 classes", count.err().strip());
        assertFalse(count.out().contains("epoch"), count.out());
        Result l1 = run("train", "--l1", "-1", "--out", dir.resolve("c").toString());
        assertEquals("neuronkit: --l1: λ₁ must be a finite number ≥ 0, got -1.0", l1.err().strip());
    }

    @Test
    void nonPositiveBatchSizeIsRejected(@TempDir Path dir) {
        Result result = run("train", "--batch-size", "0", "--out", dir.resolve("run").toString());
        assertEquals(ExitCode.CONFIGURATION.code, result.code());
        assertEquals("neuronkit: the batch size must be positive, got 0", result.err().strip());
    }

    @Test
    void infoNamesTheBackend() {
        Result result = run("info");
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("blas_vendor") && result.out().contains("cpu"), result.out());
    }
}
