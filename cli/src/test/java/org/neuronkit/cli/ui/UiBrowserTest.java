package org.neuronkit.cli.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.neuronkit.cli.MetricsCsv;
import org.neuronkit.cli.ui.Chromium.Line;

/**
 * The dashboard in headless Chromium: {@code neuronkit train --ui} on the digits, in its own JVM, and the
 * run list over three runs. The pages and screenshots stay in {@code target/ui-browser-test/}.
 */
class UiBrowserTest {
    private static final Path WORK = Path.of("target", "ui-browser-test");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Column {@code name} of metrics.csv, rows 1..count. */
    private static List<Double> column(List<String> metrics, String name, int count) {
        int c = List.of(MetricsCsv.HEADER.split(",")).indexOf(name);
        List<Double> values = new ArrayList<>();
        for (String row : metrics.subList(1, 1 + count)) {
            double value = Double.parseDouble(row.split(",")[c]);
            values.add(Double.isNaN(value) ? null : value);
        }
        return values;
    }

    private static Path clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    @Test
    void trainUiDrawsTheRunsEpochsWithTheValuesOfMetricsCsv() throws Exception {
        Path work = clean(WORK.resolve("train"));
        Chromium chromium = Chromium.find(work);
        Path run = work.resolve("run");
        Process train = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.neuronkit.cli.Main", "train", "--ui", "--epochs", "5", "--hidden", "16",
                "--out", run.toString()).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(train.getInputStream(), StandardCharsets.UTF_8));
            String url = CompletableFuture.supplyAsync(() -> dashboard(out)).get(120, TimeUnit.SECONDS);
            assertTrue(url.matches("http://127\\.0\\.0\\.1:[0-9]+/"), url);

            String dom = chromium.dumpDom(url, 3000); // returns once the page's event stream has ended
            Files.writeString(work.resolve("dashboard.html"), dom);
            Map<String, List<Line>> charts = Chromium.charts(dom);
            List<String> metrics = Files.readAllLines(run.resolve(MetricsCsv.FILE));
            int shown = charts.get("loss").get(0).values().size();
            assertTrue(shown >= 3, "epochs shown: " + shown);
            assertTrue(dom.contains("data-epochs=\"" + shown + "\""), "the epoch table has as many rows as the charts");
            for (String chart : List.of("loss", "accuracy", "learning_rate", "samples_per_second")) {
                assertFalse(charts.get(chart).isEmpty(), chart);
                for (Line line : charts.get(chart)) {
                    assertEquals(column(metrics, line.series(), shown), line.values(), chart + ": " + line.series());
                }
            }
            assertEquals(List.of("layer-1", "layer-2"), charts.get("gradients").stream().map(Line::series).toList(),
                    "a gradient-norm line per Dense layer");
            JsonNode matrix = JSON.readTree(run.resolve("report.json").toFile()).get("confusion_matrix");
            for (int a = 0; a < matrix.size(); a++) {
                StringBuilder row = new StringBuilder();
                matrix.get(a).forEach(v -> row.append(row.length() == 0 ? "" : ",").append(v.asInt()));
                assertTrue(dom.contains("data-row=\"" + a + "\" data-values=\"" + row + "\""), "confusion matrix row " + a);
            }

            chromium.screenshot(url, 3000, work.resolve("dashboard.png"), 1400, 1000);
        } finally {
            train.destroy(); // SIGTERM, as Ctrl-C: the dashboard stops, the finished run folder stays as it is
            assertTrue(train.waitFor(30, TimeUnit.SECONDS), "train --ui stops on SIGTERM");
        }
        assertEquals(1 + 5, Files.readAllLines(run.resolve(MetricsCsv.FILE)).size());
        assertTrue(Files.isRegularFile(run.resolve("model.safetensors")));
        try (Stream<Path> files = Files.list(run)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(), "no half-written file");
        }
    }

    /** The dashboard's address from {@code train --ui}'s output. */
    private static String dashboard(BufferedReader out) {
        try {
            StringBuilder seen = new StringBuilder();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("Dashboard: ")) {
                    CompletableFuture.runAsync(() -> drain(out));
                    return line.substring("Dashboard: ".length());
                }
                seen.append(line).append('\n');
            }
            throw new AssertionError("train --ui ended without printing its dashboard's address:\n" + seen);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // the epoch table, until the process ends
            }
        } catch (IOException ended) {
            // the process ended
        }
    }

    @Test
    void runListOverlaysTheThreeRunsWithTheirValues() throws Exception {
        Path work = clean(WORK.resolve("list"));
        Chromium chromium = Chromium.find(work);
        Path runs = Files.createDirectories(work.resolve("runs"));
        List<String> names = List.of("<b>bold</b> & co", "study/trial-1", "study/trial-2");
        for (int i = 0; i < names.size(); i++) {
            RunFolders.run(runs.resolve(names.get(i)), 4 + 2 * i, 20 + i);
        }
        try (UiServer server = UiServer.start(runs, RunFolders.FILES, InetAddress.getLoopbackAddress(), 0)) {
            String url = server.url().toString();
            String dom = chromium.dumpDom(url, 2000);
            Files.writeString(work.resolve("runs.html"), dom);
            assertTrue(dom.contains("data-runs=\"3\""), "three runs listed");
            assertTrue(dom.contains("&lt;b&gt;bold&lt;/b&gt; &amp; co"), "the run's name is shown as text");
            assertFalse(dom.contains("<b>"), "and never as markup");

            for (String key : List.of("validation_accuracy", "validation_loss")) {
                List<Line> lines = Chromium.charts(dom).get("overlay-" + key);
                assertEquals(names, lines.stream().map(Line::run).toList(), "one line per selected run");
                for (Line line : lines) {
                    List<String> metrics = Files.readAllLines(runs.resolve(line.run()).resolve(MetricsCsv.FILE));
                    assertEquals(column(metrics, key, metrics.size() - 1), line.values(), key + " of " + line.run());
                }
            }
            assertTrue(dom.contains("class=\"differs\""), "the runs' different learning rates are marked");
            chromium.screenshot(url, 2000, work.resolve("runs.png"), 1400, 1000);
        }
    }
}
