package org.neuronkit.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a probe's main class in a child JVM on this test's class path, since what native libraries read at load happens once per process. */
final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * The probe's output (stdout and stderr), run with the variables {@code removed} taken out of the
     * environment and {@code set} put in; options starting with {@code -D} go to the JVM, the others
     * to the probe.
     */
    static String run(Class<?> probe, List<String> removed, Map<String, String> set, String... options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path")));
        for (String option : options) {
            if (option.startsWith("-D")) {
                command.add(option);
            }
        }
        command.add(probe.getName());
        for (String option : options) {
            if (!option.startsWith("-D")) {
                command.add(option);
            }
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        removed.forEach(builder.environment()::remove);
        builder.environment().putAll(set);
        Process child = builder.start();
        String output = new String(child.getInputStream().readAllBytes());
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the probe did not finish");
        return output;
    }
}
