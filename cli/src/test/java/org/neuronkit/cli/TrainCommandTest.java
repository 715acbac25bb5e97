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
        assertEquals(NeuronKitCommand.TOOLKIT_ERROR, result.code());
        assertTrue(result.err().startsWith("neuronkit: unknown activation 'relux'"), result.err());
        assertFalse(result.out().contains("epoch"), result.out());
    }

    @Test
    void nonPositiveBatchSizeIsRejected(@TempDir Path dir) {
        Result result = run("train", "--batch-size", "0", "--out", dir.resolve("run").toString());
        assertEquals(NeuronKitCommand.TOOLKIT_ERROR, result.code());
        assertEquals("neuronkit: the batch size must be positive, got 0", result.err().strip());
    }

    @Test
    void infoNamesTheBackend() {
        Result result = run("info");
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("blas_vendor") && result.out().contains("cpu"), result.out());
    }
}
