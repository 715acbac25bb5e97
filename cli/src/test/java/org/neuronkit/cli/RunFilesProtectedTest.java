package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.cli.TrainCommandTest.Result;

/** No command writes over a run folder's own files, and a run never replaces an input that lies in its folder under a name it writes. */
class RunFilesProtectedTest {
    @TempDir
    Path dir;

    @Test
    void predictAndRunsCompareRefuseARunsOwnFilesAsOutput() throws IOException {
        Path runDir = dir.resolve("run");
        assertEquals(0, run("train", "--data", "digits", "--epochs", "1", "--hidden", "8", "--limit", "300", "--out", runDir.toString()).code());
        byte[] settings = Files.readAllBytes(runDir.resolve(TrainSettings.FILE));
        byte[] report = Files.readAllBytes(runDir.resolve(RunFolder.REPORT));
        Path rows = Files.writeString(dir.resolve("rows.csv"), "0" + ",1".repeat(63) + "\n");

        Result predicted = run("predict", "--model", runDir.toString(), "--data", rows.toString(), "--output",
                runDir.resolve(TrainSettings.FILE).toString());
        assertEquals(ExitCode.CONFIGURATION.code, predicted.code(), predicted.err());
        assertTrue(predicted.err().contains("--output " + runDir.resolve(TrainSettings.FILE) + " is a file of the run in "), predicted.err());
        Result compared = run("runs", "compare", runDir.toString(), "--csv", runDir.resolve(RunFolder.REPORT).toString());
        assertEquals(ExitCode.CONFIGURATION.code, compared.code(), compared.err());
        assertArrayEquals(settings, Files.readAllBytes(runDir.resolve(TrainSettings.FILE)));
        assertArrayEquals(report, Files.readAllBytes(runDir.resolve(RunFolder.REPORT)));

        Path elsewhere = runDir.resolve("predictions.csv");
        assertEquals(0, run("predict", "--model", runDir.toString(), "--data", rows.toString(), "--output", elsewhere.toString()).code());
        assertTrue(Files.isRegularFile(elsewhere), "another name in the run folder is allowed");
    }

    @Test
    void aRunDoesNotReplaceItsDataFileInItsFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("d"));
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            csv.append(i % 5).append(',').append(i % 3).append(',').append(i % 2).append('\n');
        }
        Path data = Files.writeString(folder.resolve(MetricsCsv.FILE), csv.toString());
        Result result = run("train", "--data", data.toString(), "--epochs", "1", "--out", folder.toString(), "--overwrite");
        assertEquals(ExitCode.CONFIGURATION.code, result.code(), result.err());
        assertTrue(result.err().contains("--data " + data + " lies in the run folder " + folder + " under a name the run writes"), result.err());
        assertEquals(csv.toString(), Files.readString(data), "the user's file is as it was");
    }
}
