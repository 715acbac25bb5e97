package org.neuronkit.cli.ui;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /api/events?run=NAME}: a run's progress as server-sent events ({@code text/event-stream}),
 * read from its folder, never from the training: it polls the run's files every {@value #POLL_MILLIS} ms
 * and sends what changed.
 * <ul>
 *   <li>{@code run}: first, the run's name, title, metric columns and settings ({@code settings} again
 *       when the run writes them later); the client starts its charts afresh;</li>
 *   <li>{@code epoch}: one row of {@code metrics.csv}, in epoch order, each row once (a resumed run
 *       that rewrites earlier rows starts over with {@code run});</li>
 *   <li>{@code gradients}: all gradient-norm rows, whenever the file changes;</li>
 *   <li>{@code report} then {@code end}, when the run has finished; the stream then closes.</li>
 * </ul>
 * A comment line every {@value #HEARTBEAT_MILLIS} ms of silence finds clients that left.
 */
final class EventStream {
    static final long POLL_MILLIS = 250;
    static final long HEARTBEAT_MILLIS = 10_000;
    private final RunCatalog catalog;
    private final String name;
    private final Path folder;
    private OutputStream out;
    private long lastSent;

    /** The stream of the run {@code name}; refuses a name that is not a run of the catalog. */
    EventStream(RunCatalog catalog, String name) {
        this.catalog = catalog;
        this.name = name;
        this.folder = catalog.folder(name);
    }

    /** Sends the run's events until it has finished, the client leaves or {@code open} turns false. */
    void serve(HttpExchange exchange, BooleanSupplier open) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        out = exchange.getResponseBody();
        RunFiles files = catalog.files();
        List<Map<String, Double>> sent = List.of();
        FileStamp metrics = null;
        FileStamp gradients = null;
        FileStamp settings = FileStamp.of(folder.resolve(files.settings()));
        send("run", header(files));
        while (open.getAsBoolean()) {
            boolean finished = Files.isRegularFile(folder.resolve(files.report())); // before the metrics: then they are final
            FileStamp settingsNow = FileStamp.of(folder.resolve(files.settings()));
            if (FileStamp.changed(settings, settingsNow)) {
                settings = settingsNow;
                send("settings", Json.write(RunReader.settings(folder, files)));
            }
            FileStamp metricsNow = FileStamp.of(folder.resolve(files.metrics()));
            if (FileStamp.changed(metrics, metricsNow)) {
                metrics = metricsNow;
                List<Map<String, Double>> epochs = RunReader.epochs(folder, files);
                if (epochs.size() < sent.size() || !epochs.subList(0, sent.size()).equals(sent)) {
                    send("run", header(files));
                    sent = List.of();
                }
                for (Map<String, Double> epoch : epochs.subList(sent.size(), epochs.size())) {
                    send("epoch", Json.write(epoch));
                }
                sent = epochs;
            }
            FileStamp gradientsNow = FileStamp.of(folder.resolve(files.gradients()));
            if (FileStamp.changed(gradients, gradientsNow)) {
                gradients = gradientsNow;
                send("gradients", Json.write(RunReader.gradients(folder, files)));
            }
            if (finished) {
                send("report", Json.write(RunReader.report(folder, files)));
                send("end", "{}");
                return;
            }
            if (System.currentTimeMillis() - lastSent > HEARTBEAT_MILLIS) {
                write(": alive\n\n");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String header(RunFiles files) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("title", catalog.title(name));
        json.put("columns", RunReader.columns());
        json.put("settings", RunReader.settings(folder, files));
        return Json.write(json);
    }

    /** One event: its type, and its JSON data on one line (JSON text holds no raw line breaks). */
    private void send(String event, String data) throws IOException {
        write("event: " + event + "\ndata: " + data + "\n\n");
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        lastSent = System.currentTimeMillis();
    }
}
