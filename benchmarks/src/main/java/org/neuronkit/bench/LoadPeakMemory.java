package org.neuronkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.io.ModelFile;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;

/**
 * The peak resident memory of loading a large model file, against the file's size (the numbers in
 * docs/guarantees.md). Two steps, each its own JVM so that the writer's memory does not count:
 * <pre>
 * java -Xmx4g -cp CP org.neuronkit.bench.LoadPeakMemory write /tmp/big.safetensors 15000
 * java -Xmx1g -cp CP org.neuronkit.bench.LoadPeakMemory load /tmp/big.safetensors
 * </pre>
 * {@code write} saves a U → U output layer (U² + U parameters, 900 MB for U = 15,000); {@code load}
 * prints the file's size, the process's resident memory once ND4J is up (before loading) and its
 * peak (VmHWM) after {@link ModelFile#load}.
 */
public final class LoadPeakMemory {
    private LoadPeakMemory() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[1]);
        if (args[0].equals("write")) {
            int units = Integer.parseInt(args[2]);
            try (Network network = Network.builder(units).output(units, Losses.softmaxCrossEntropy()).build()) {
                ModelFile.save(network, null, file);
            }
            System.out.printf(Locale.ROOT, "wrote %s: %,d bytes%n", file, Files.size(file));
            return;
        }
        Nd4j.create(1); // ND4J's native libraries and thread pools up before the baseline
        long before = status("VmRSS:");
        ModelFile.Model model = ModelFile.load(file);
        long peak = status("VmHWM:");
        double fileMb = Files.size(file) / 1e6;
        System.out.printf(Locale.ROOT, "loaded %,d parameters from %.0f MB: resident %.0f MB before loading, peak %.0f MB"
                + " (%.2f × the file), peak − before %.0f MB (%.2f × the file)%n", model.network().parameterCount(), fileMb,
                before / 1e3, peak / 1e3, peak / 1e3 / fileMb, (peak - before) / 1e3, (peak - before) / 1e3 / fileMb);
    }

    /** A kB value of /proc/self/status. */
    private static long status(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        throw new IllegalStateException("no " + key + " in /proc/self/status");
    }
}
