package org.neuronkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.neuronkit.io.ModelFile;
import org.neuronkit.onnx.OnnxImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neuronkit import}: an MLP from an ONNX file (a chain of Gemm or MatMul + Add layers with
 * their activations, as PyTorch's and Keras's exporters write them) as a NeuronKit model file, which
 * {@code eval}, {@code predict} and {@code export} then use like a trained one.
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
        ModelFile.save(imported.network(), imported.normalizer(), out);
        PrintWriter printer = spec.commandLine().getOut();
        printer.println(imported.network());
        printer.println("wrote " + out + (imported.normalizer() == null ? "" : " (with the graph's input normaliser)"));
        printer.flush();
        return 0;
    }
}
