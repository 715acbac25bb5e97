package org.neuronkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.neuronkit.io.ModelFile;
import org.neuronkit.onnx.OnnxImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neuronkit import}: an MLP from an ONNX file as a NeuronKit model file, which {@code eval},
 * {@code predict} and {@code export} then use like a trained one: a file NeuronKit exported comes back with
 * its exact layers, loss, normaliser and class names; another exporter's (a chain of Gemm or MatMul + Add
 * layers with their activations, as PyTorch's and Keras's write them) is read node by node.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Read an MLP from an ONNX file (PyTorch Linear / Keras Dense stacks) into a NeuronKit model file.")
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--onnx", required = true, paramLabel = "FILE", description = "The ONNX model to read.")
    Path onnx;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The model file to write, e.g. model.safetensors (replaced atomically if it exists).")
    Path out;

    @Override
    public Integer call() {
        OutputPaths.requireNotAnInput("--out", out, Map.of("--onnx", onnx));
        ModelFile.Model imported = OnnxImport.read(onnx);
        ModelFile.save(imported, out);
        PrintWriter printer = spec.commandLine().getOut();
        printer.println(imported.network());
        List<String> kept = new ArrayList<>();
        if (imported.normalizer() != null) {
            kept.add("the graph's input normaliser");
        }
        if (imported.targetScaling() != null) {
            kept.add("the targets' scaling");
        }
        if (!imported.outputNames().isEmpty()) {
            kept.add("the output names " + imported.outputNames());
        }
        printer.println("wrote " + out + (kept.isEmpty() ? "" : " (with " + String.join(" and ", kept) + ")"));
        printer.flush();
        return 0;
    }
}
