package org.neuronkit.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.neuronkit.backend.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code neuronkit info}: what backend and device the toolkit runs on. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Print the backend report: device, BLAS, SIMD level, threads, memory.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (Map.Entry<String, String> entry : Backends.current().report().entrySet()) {
            spec.commandLine().getOut().printf("%-20s %s%n", entry.getKey(), entry.getValue());
        }
        return 0;
    }
}
