package org.neuronkit.cli.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.neuronkit.cli.MetricsCsv;

/** Run folders written as a training run writes them (each file replaced atomically), with made-up numbers, for the dashboard's tests. */
final class RunFolders {
    static final RunFiles FILES = new RunFiles(MetricsCsv.FILE, "settings.json", "report.json", "gradients.csv");

    private RunFolders() {
    }

    /** metrics.csv rows for epochs 1..epochs: pseudo-random values, seeded; without validation the validation columns are NaN. */
    static List<String> rows(int epochs, long seed, boolean validation) {
        Random random = new Random(seed);
        List<String> rows = new ArrayList<>();
        double loss = 2 + random.nextDouble();
        for (int e = 1; e <= epochs; e++) {
            loss *= 0.5 + 0.4 * random.nextDouble();
            double accuracy = 1 - loss / 4;
            // the validation F1, RMSE, MAE and R² columns: numbers of the right order, the server copies them as they are
            String scores = validation ? String.format(Locale.ROOT, "%s,%s,%s,%s", accuracy - 0.02, loss / 3, loss / 4, 1 - loss / 5)
                    : "NaN,NaN,NaN,NaN";
            rows.add(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%.3f,%.1f,%s", e, loss, accuracy,
                    validation ? String.valueOf(loss * 1.1) : "NaN", validation ? String.valueOf(accuracy - 0.01 * random.nextDouble()) : "NaN",
                    0.002 * Math.pow(0.9, e - 1), random.nextDouble(), 1000 + 9000 * random.nextDouble(), scores));
        }
        return rows;
    }

    static void writeMetrics(Path run, List<String> rows) throws IOException {
        write(run.resolve(MetricsCsv.FILE), MetricsCsv.HEADER + "\n" + String.join("\n", rows) + "\n");
    }

    static void writeSettings(Path run, String optimizer, double learningRate) throws IOException {
        write(run.resolve(FILES.settings()), "{\"model\": {\"hidden\": [32]}, \"optimization\": {\"optimizer\": \"" + optimizer
                + "\", \"learningRate\": " + learningRate + "}}");
    }

    /** A run folder with settings and {@code epochs} rows of metrics. */
    static Path run(Path dir, int epochs, long seed) throws IOException {
        Files.createDirectories(dir);
        writeSettings(dir, "adam", 0.001 * seed);
        writeMetrics(dir, rows(epochs, seed, true));
        return dir;
    }

    /** Replaces {@code file} as the run does: a temporary file moved over it atomically. */
    static void write(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
