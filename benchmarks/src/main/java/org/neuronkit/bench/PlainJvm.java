package org.neuronkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * NeuronKit's benchmarks in forks started as a plain {@code java -cp} program is: without the thread
 * variables that {@code run.sh} exports ({@code scripts/thread-env.sh}), so that only NeuronKit's
 * in-process thread defaults apply. JMH forks inherit the environment, so the forks' JVM is a small
 * script that removes those variables and starts this JVM's {@code java}. Rows are labelled
 * {@value #LABEL}; {@link BenchMain#launcherRatio} sets them against the launcher-settings rows.
 */
final class PlainJvm {
    static final String LABEL = " jvm=plain";
    private static final List<String> VARIABLES = List.of("OMP_WAIT_POLICY", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
            "ND4J_SKIP_BLAS_THREADS", "GOTO_NUM_THREADS");
    private final Path launcher;

    private PlainJvm(Path launcher) {
        this.launcher = launcher;
    }

    /** Writes the fork launcher (a temporary script, removed when the JVM exits). */
    static PlainJvm create() throws IOException {
        Path script = Files.createTempFile("neuronkit-plain-jvm", ".sh",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        script.toFile().deleteOnExit();
        StringBuilder text = new StringBuilder("#!/bin/sh\nexec env");
        VARIABLES.forEach(v -> text.append(" -u ").append(v));
        text.append(" '").append(Path.of(System.getProperty("java.home"), "bin", "java")).append("' \"$@\"\n");
        Files.writeString(script, text);
        return new PlainJvm(script);
    }

    /** NeuronKit's benchmarks of {@code options} (not DL4J's or the GEMMs) in plain forks, labelled. */
    List<BenchMain.Row> run(Options options) throws RunnerException {
        Options plain = new OptionsBuilder().parent(options).jvm(launcher.toString()).exclude("dl4j").exclude("Gemm").build();
        List<BenchMain.Row> rows = new ArrayList<>();
        for (BenchMain.Row row : BenchMain.run(plain)) {
            rows.add(row.withParams(row.params() + LABEL));
        }
        return rows;
    }
}
