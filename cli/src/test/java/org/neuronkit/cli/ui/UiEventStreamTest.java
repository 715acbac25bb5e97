package org.neuronkit.cli.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.cli.MetricsCsv;

/** {@code /api/events}: a run's epochs as server-sent events, read from its folder while it grows. */
class UiEventStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event: its type and its data. */
    private record Event(String type, String data) {
    }

    /** The event stream, read with a timeout: a missing event fails the test instead of hanging it. */
    private static HttpURLConnection open(URI uri) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setReadTimeout(15_000);
        return connection;
    }

    private static Event next(BufferedReader in) throws IOException {
        String type = null;
        String data = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("event: ")) {
                type = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data = line.substring(6);
            } else if (line.isEmpty() && type != null) {
                return new Event(type, data);
            }
        }
        return null;
    }

    private static void assertEpoch(String csvRow, Event event) throws IOException {
        assertEquals("epoch", event.type());
        JsonNode json = JSON.readTree(event.data());
        String[] header = MetricsCsv.HEADER.split(",");
        String[] cells = csvRow.split(",");
        for (int c = 0; c < header.length; c++) {
            assertEquals(Double.parseDouble(cells[c]), json.get(header[c]).asDouble(), 0.0, header[c] + " of " + csvRow);
        }
    }

    @Test
    void anEpochAppendedToMetricsCsvArrivesAsAnEventAndTheReportEndsTheStream(@TempDir Path dir) throws Exception {
        List<String> rows = RunFolders.rows(4, 11, true);
        Path run = RunFolders.run(dir.resolve("r"), 0, 11);
        RunFolders.writeMetrics(run, rows.subList(0, 2));
        try (UiServer server = UiServer.start(dir, RunFolders.FILES, InetAddress.getLoopbackAddress(), 0)) {
            HttpURLConnection connection = open(server.url().resolve("/api/events?run=r"));
            assertEquals(200, connection.getResponseCode());
            assertEquals("text/event-stream; charset=utf-8", connection.getContentType());
            try (BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
                Event first = next(in);
                assertEquals("run", first.type());
                assertEquals("r", JSON.readTree(first.data()).get("name").asText());
                assertEpoch(rows.get(0), next(in));
                assertEpoch(rows.get(1), next(in));

                RunFolders.writeMetrics(run, rows.subList(0, 3)); // the run's next epoch
                assertEpoch(rows.get(2), next(in));
                RunFolders.write(run.resolve("gradients.csv"), "epoch,step,global_step,layer,description,delta_norm,"
                        + "weight_gradient_norm,weight_norm,update_ratio\n3,9,29,1,Dense,0.5,0.125,3.0,0.01\n");
                Event gradients = next(in);
                assertEquals("gradients", gradients.type());
                assertEquals(0.125, JSON.readTree(gradients.data()).get(0).get("weight_gradient_norm").asDouble(), 0.0);
                RunFolders.writeMetrics(run, rows); // and one more; already sent rows are not sent again
                assertEpoch(rows.get(3), next(in));

                RunFolders.write(run.resolve("report.json"), "{\"test_accuracy\": 0.5}");
                Event report = next(in);
                assertEquals("report", report.type());
                assertEquals(0.5, JSON.readTree(report.data()).get("test_accuracy").asDouble(), 0.0);
                assertEquals("end", next(in).type());
                assertNull(next(in), "the stream closes when the run has finished");
            }
        }
    }

    @Test
    void aRunThatRewritesEarlierEpochsStartsTheStreamOver(@TempDir Path dir) throws Exception {
        Path run = RunFolders.run(dir.resolve("r"), 3, 5);
        List<String> resumed = RunFolders.rows(2, 6, true); // a resume from epoch 1 rewrites epoch 2
        try (UiServer server = UiServer.start(dir, RunFolders.FILES, InetAddress.getLoopbackAddress(), 0)) {
            HttpURLConnection connection = open(server.url().resolve("/api/events?run=r"));
            try (BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
                assertEquals("run", next(in).type());
                for (int e = 0; e < 3; e++) {
                    assertEquals("epoch", next(in).type());
                }
                RunFolders.writeMetrics(run, resumed);
                assertEquals("run", next(in).type(), "the client starts its charts afresh");
                assertEpoch(resumed.get(0), next(in));
                assertEpoch(resumed.get(1), next(in));
            }
        }
    }
}
