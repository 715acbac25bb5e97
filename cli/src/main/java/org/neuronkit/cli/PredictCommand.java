package org.neuronkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.DataException;
import org.neuronkit.data.CsvReader;
import org.neuronkit.io.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neuronkit predict}: the most probable class of each row of a CSV file of raw features
 * (normalised by the model's own normaliser), with its probability: one line {@code class,probability}
 * per row, to standard output or to {@code --output} (written whole, then renamed into place).
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Predict the class of each row of a CSV file of features; prints 'class,probability' per row.")
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model.safetensors (or checkpoint) written by train.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE.csv",
            description = "One row of raw features per sample (no label column), comma-separated; may be gzipped.")
    Path input;

    @Option(names = "--csv-header", description = "The input starts with a header line.")
    boolean csvHeader;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the predictions here instead of to standard output.")
    Path output;

    @Override
    public Integer call() {
        ModelFile.Model loaded = ModelFile.load(model);
        INDArray x = CsvReader.defaults().withHeader(csvHeader).readFeatures(input);
        if (x.columns() != loaded.network().inputSize()) {
            throw new DataException("file " + input + " has " + x.columns() + " columns, but the model " + model + " expects "
                    + loaded.network().inputSize() + " features per row");
        }
        INDArray probabilities = loaded.output(x);
        int[] classes = Nd4j.argMax(probabilities, 1).toIntVector();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < classes.length; i++) {
            text.append(String.format(Locale.ROOT, "%d,%.6f%n", classes[i], probabilities.getDouble(i, classes[i])));
        }
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        } else {
            write(text.toString());
        }
        return 0;
    }

    private void write(String text) {
        Path temporary = output.resolveSibling(output.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, text);
            Files.move(temporary, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + output, e);
        }
    }
}
