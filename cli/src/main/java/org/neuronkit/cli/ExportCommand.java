package org.neuronkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.neuronkit.ConfigurationException;
import org.neuronkit.io.ModelFile;
import org.neuronkit.onnx.OnnxExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neuronkit export}: a saved model as an ONNX file (opset 13) whose graph includes the
 * model's input normaliser, so it takes the same raw features as {@code predict} and outputs the
 * same probabilities (nn-onnx/README.md lists the mapping); its metadata keeps the architecture and the
 * class names, so {@code import} gives the model back.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a saved model as an ONNX file that takes the same raw features as predict.")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Option(names = "--format", defaultValue = "onnx", paramLabel = "FORMAT", description = "The file format: onnx (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write (replaced atomically if it exists).")
    Path out;

    @Override
    public Integer call() {
        if (!format.equalsIgnoreCase("onnx")) {
            throw new ConfigurationException("unknown export format '" + format + "'; known: onnx");
        }
        OutputPaths.requireNotAnInput("--out", out, Map.of("--model", modelOption.file()));
        ModelFile.Model loaded = modelOption.load();
        OnnxExport.write(loaded, out);
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf("wrote %s: ONNX opset %d, input '%s' [N, %d] raw features%s, output '%s' [N, %d] (%s)%n", out, OnnxExport.OPSET,
                OnnxExport.INPUT, loaded.network().inputSize(), loaded.normalizer() == null ? "" : " (normaliser included)",
                OnnxExport.OUTPUT, loaded.network().outputSize(), loaded.network().loss().spec());
        printer.flush();
        return 0;
    }
}
