package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.neuronkit.cli.TrainCommandTest.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.cli.TrainCommandTest.Result;

/**
 * {@code runs list|compare} on hand-written run folders: two finished runs that differ in their
 * learning rate and hidden layers, an unfinished one, one whose metrics.csv is damaged and one whose
 * settings.json is cut short. The metrics are written here, so every number in the table is known.
 */
class RunsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static TrainSettings settings(List<Integer> hidden, double lr) {
        return new TrainSettings(new TrainSettings.Data("digits", null, false, 0, "minmax-global", 0.1, 0, null, null, 0, null),
                new TrainSettings.Model(hidden, "relu", 0, 1e-4, 0, null, null, false),
                new TrainSettings.Optimization("adam", lr, "constant", 32, 3, 0, 42, 1, 0, "epoch", 0, 0, "stop"));
    }

    private void write(String run, TrainSettings settings, String metrics, String report) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(run));
        if (settings != null) {
            Files.write(folder.resolve(TrainSettings.FILE), JSON.writeValueAsBytes(settings));
        }
        if (metrics != null) {
            Files.writeString(folder.resolve(MetricsCsv.FILE), MetricsCsv.HEADER + "\n" + metrics);
        }
        if (report != null) {
            Files.writeString(folder.resolve(RunFolder.REPORT), report);
        }
    }

    @BeforeEach
    void fixtures() throws Exception {
        write("a", settings(List.of(64), 0.002),
                "1,0.9,0.7,0.8,0.75,0.002,0.5,1000\n2,0.5,0.8,0.6,0.875,0.002,0.5,1000\n3,0.4,0.85,0.7,0.8125,0.002,0.5,1000\n",
                "{\"test_accuracy\": 0.8, \"test_loss\": 0.65, \"train_seconds\": 1.5}");
        write("b", settings(List.of(128, 64), 0.01),
                "1,0.8,0.75,0.5,0.9,0.01,0.25,2000\n2,0.3,0.9,0.4,0.9375,0.01,0.25,2000\n3,0.2,0.95,0.45,0.9375,0.01,0.25,2000\n",
                "{\"test_accuracy\": 0.9, \"test_loss\": 0.5, \"train_seconds\": 0.75}");
        write("unfinished", settings(List.of(64), 0.002), "1,0.9,0.7,0.8,0.75,0.002,0.5,1000\n", null);
        write("damaged-metrics", settings(List.of(64), 0.002), "1,0.9,0.7,0.8,0.75,0.002,0.5,1000\n2,0.5,oops\n", null);
        write("damaged-settings", null, null, null);
        Files.writeString(dir.resolve("damaged-settings").resolve(TrainSettings.FILE), "{\"data\": {\"dataset\": \"dig");
        Files.createDirectories(dir.resolve("not-a-run"));
    }

    @Test
    void listShowsEveryRunWithItsStateAndExportsTheSameTableAsCsv() throws Exception {
        Path csv = dir.resolve("runs.csv");
        Result result = run("runs", "list", dir.toString(), "--csv", csv.toString());
        assertEquals(0, result.code(), result.err());
        assertEquals(List.of(
                "run,state,hidden,learningRate,epochs,best_validation_accuracy,final_validation_accuracy,best_validation_loss,"
                        + "final_validation_loss,test_accuracy,test_loss,train_seconds",
                "a,finished,64,0.002,3,0.875,0.8125,0.6,0.7,0.8,0.65,1.5",
                "b,finished,\"128,64\",0.01,3,0.9375,0.9375,0.4,0.45,0.9,0.5,0.75",
                "damaged-metrics,\"damaged: metrics.csv: file " + dir.resolve("damaged-metrics").resolve(MetricsCsv.FILE)
                        + ", line 3: not a metrics row: 2,0.5,oops\",64,0.002,,,,,,,,",
                "damaged-settings,damaged: settings.json: Unexpected end-of-input in VALUE_STRING,,,,,,,,,,",
                "unfinished,unfinished,64,0.002,1,0.75,0.75,0.8,0.8,,,0.5"), Files.readAllLines(csv));
        List<String> lines = result.out().lines().toList();
        assertEquals(6, lines.size(), result.out());
        assertEquals(List.of("a", "finished", "64", "0.002", "3", "0.8750", "0.8125", "0.6000", "0.7000", "0.8000", "0.6500", "1.5000"),
                List.of(lines.get(1).split(" +")));
        assertEquals(List.of("unfinished", "unfinished", "64", "0.002", "1", "0.7500", "0.7500", "0.8000", "0.8000", "-", "-", "0.5000"),
                List.of(lines.get(5).split(" +")), "a missing value prints as -");
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "the CSV is written through a temporary file");
        }
    }

    @Test
    void compareShowsOnlyTheSettingsThatDiffer() {
        Result result = run("runs", "compare", dir.resolve("a").toString(), dir.resolve("unfinished").toString(), "--format", "csv");
        assertEquals(0, result.code(), result.err());
        assertEquals(List.of("run,state,epochs,best_validation_accuracy,final_validation_accuracy,best_validation_loss,"
                        + "final_validation_loss,test_accuracy,test_loss,train_seconds",
                dir.resolve("a") + ",finished,3,0.875,0.8125,0.6,0.7,0.8,0.65,1.5",
                dir.resolve("unfinished") + ",unfinished,1,0.75,0.75,0.8,0.8,,,0.5"), result.out().lines().toList());
    }

    @Test
    void aFolderThatIsNoRunIsRefusedByName() {
        Path none = dir.resolve("not-a-run");
        Result result = run("runs", "compare", dir.resolve("a").toString(), none.toString());
        assertEquals(ExitCode.CONFIGURATION.code, result.code());
        assertEquals("neuronkit: runs compare: " + none + " is not a run folder (it holds no settings.json, metrics.csv or report.json)",
                result.err().strip());
        assertEquals("neuronkit: --format xml: expected table or csv",
                run("runs", "list", dir.toString(), "--format", "xml").err().strip());
    }
}
