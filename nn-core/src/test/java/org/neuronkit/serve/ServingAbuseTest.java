package org.neuronkit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Misusing the serving API must never crash the JVM: {@link ServingAbuseProbe} closes networks
 * under a serving {@link Predictor}, shares one {@code Network} between 8 threads and closes
 * predictors under load, 50 rounds each, in a child JVM that must end normally.
 */
class ServingAbuseTest {
    @TempDir
    Path dir;

    @Test
    void fiftyRoundsOfAbuseEndNormally() throws IOException, InterruptedException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"), "-cp", System.getProperty("java.class.path"),
                ServingAbuseProbe.class.getName(), "50").redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the probe did not finish");
        assertEquals(0, child.exitValue(), "the child JVM ended abnormally:\n" + output);
        assertTrue(output.contains("abuse rounds 50, refused "), output);
        System.out.println(output.strip());
    }
}
