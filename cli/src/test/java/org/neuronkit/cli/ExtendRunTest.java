package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.io.ModelFile;

/** {@code train --resume RUN --epochs N} extends a finished run; the Ctrl-C hint; settings files of the first format. */
class ExtendRunTest {
    private static final String[] SETTINGS = {"train", "--hidden", "16", "--limit", "400", "--seed", "7", "--validation", "0.2"};

    @TempDir
    Path dir;

    private static String[] with(String... more) {
        return Stream.concat(Stream.of(SETTINGS), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void aFinishedRunExtendedByOneEpochEqualsARunOfOneMoreEpoch() throws Exception {
        Path straight = dir.resolve("straight");
        assertEquals(0, run(with("--epochs", "3", "--out", straight.toString())).code());
        Path extended = dir.resolve("extended");
        assertEquals(0, run(with("--epochs", "2", "--out", extended.toString())).code());

        TrainCommandTest.Result refused = run("train", "--resume", extended.toString());
        assertEquals(ExitCode.CONFIGURATION.code, refused.code());
        assertEquals("neuronkit: cannot resume: the run in " + extended + " has finished after epoch 2; to train it further, give"
                + " --epochs with more than 2 epochs in all", refused.err().strip());

        TrainCommandTest.Result more = run("train", "--resume", extended.toString(), "--epochs", "3");
        assertEquals(0, more.code(), more.err());
        assertTrue(more.out().contains("extending the finished run from epoch 2 to epoch 3"), more.out());
        assertEquals(1, more.out().lines().filter(l -> l.startsWith("epoch ")).count(), more.out());
        assertArrayEquals(ModelFile.load(straight.resolve("model.safetensors")).network().parameters().toFloatVector(),
                ModelFile.load(extended.resolve("model.safetensors")).network().parameters().toFloatVector(), 0f);
        assertEquals(3, new ObjectMapper().readTree(extended.resolve("report.json").toFile()).get("epochs").asInt());
        assertEquals(1 + 3, Files.readAllLines(extended.resolve("metrics.csv")).size());
        assertEquals(3, TrainSettings.load(extended).optimization().epochs(), "settings.json records the new length");
    }

    @Test
    void theCtrlCHintNamesTheResumeCommand() {
        assertEquals("\ninterrupted: continue from the last checkpoint with: neuronkit train --resume runs/a",
                ResumeHint.message(Path.of("runs/a")));
    }

    @Test
    void aSettingsFileOfTheFirstFormatStillResumes() throws Exception {
        Files.writeString(dir.resolve(TrainSettings.FILE), "{\"dataset\":\"digits\",\"dataDir\":null,\"csvHeader\":false,\"limit\":300,"
                + "\"normalize\":\"none\",\"validation\":0.1,\"hidden\":[8],\"activation\":\"tanh\",\"dropout\":0.0,\"optimizer\":\"sgd\","
                + "\"learningRate\":0.05,\"schedule\":\"cosine\",\"l2\":0.001,\"batchSize\":16,\"epochs\":3,\"seed\":5,\"patience\":0,"
                + "\"checkpointEvery\":1,\"stream\":0,\"testData\":null}");
        TrainSettings settings = TrainSettings.load(dir);
        assertEquals(new TrainSettings.Data("digits", null, false, 300, "none", 0.1, 0, null, null, 0, null), settings.data());
        assertEquals(new TrainSettings.Model(java.util.List.of(8), "tanh", 0.0, 0.001, 0.0, "softmax-cross-entropy", null, false), settings.model());
        assertEquals(new TrainSettings.Optimization("sgd", 0.05, "cosine", 16, 3, 0, 5, 1, 0, "epoch", 0.0, 0.0, "stop"), settings.optimization());
    }
}
