package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.cli.TrainCommandTest.Result;

/** {@code train --ui} when the run cannot start: no dashboard left behind, no folder left behind, no wait for Ctrl-C. */
class UiTrainOptionTest {

    @Test
    @Timeout(120)
    void anAddressThatDoesNotResolveIsRefusedAndLeavesNoRunFolder(@TempDir Path dir) {
        Path runDir = dir.resolve("run");
        Result result = run("train", "--ui-bind", "nosuch.invalid", "--epochs", "1", "--out", runDir.toString());
        assertEquals(ExitCode.CONFIGURATION.code, result.code(), result.err());
        assertEquals("neuronkit: --ui-bind: no such address 'nosuch.invalid' (e.g. 127.0.0.1, or 0.0.0.0 for every interface)",
                result.err().strip());
        assertFalse(Files.exists(runDir), "the folder the run created is removed again");
    }

    @Test
    @Timeout(120)
    void aRunThatFailsStopsItsDashboardAndFailsAsWithoutIt(@TempDir Path dir) {
        Path runDir = dir.resolve("run");
        Result result = run("train", "--ui", "--data", "csv:" + dir.resolve("missing.csv"), "--epochs", "1", "--out", runDir.toString());
        assertTrue(result.code() != 0, result.out());
        assertTrue(result.err().contains("missing.csv"), result.err());
        String line = result.out().lines().filter(l -> l.startsWith("Dashboard: ")).findFirst().orElseThrow();
        URI url = URI.create(line.substring("Dashboard: ".length()));
        assertEquals("127.0.0.1", url.getHost());
        assertThrows(IOException.class, () -> new Socket(url.getHost(), url.getPort()).close(), "the dashboard is stopped");
        assertFalse(Files.exists(runDir));
    }
}
