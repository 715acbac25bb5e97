package org.neuronkit.cli;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.neuronkit.backend.Backends;
import org.neuronkit.backend.Bf16Gemm;
import org.neuronkit.backend.CpuFeatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code neuronkit info}: what backend and device the toolkit runs on. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Print the backend report: device, BLAS, SIMD level, threads, memory, bf16 support.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (Map.Entry<String, String> entry : Backends.current().report().entrySet()) {
            spec.commandLine().getOut().printf("%-20s %s%n", entry.getKey(), entry.getValue());
        }
        spec.commandLine().getOut().printf("%-20s %s%n", "bf16", bf16Support(CpuFeatures.probe(), Bf16Gemm.find()));
        return 0;
    }

    /** Whether {@code --precision bf16} can run here: the CPU feature and the library, or why not. */
    static String bf16Support(CpuFeatures cpu, Bf16Gemm gemm) {
        Optional<String> missing = cpu.bf16Missing();
        if (missing.isPresent()) {
            return "no: " + missing.get();
        }
        if (gemm == null) {
            return "no: the CPU has " + cpu.bf16Feature().orElseThrow() + ", but no backend on the classpath provides bf16 products";
        }
        return "yes (" + cpu.bf16Feature().orElseThrow() + "; " + gemm.describe() + ")";
    }
}
