package org.neuronkit.cli.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.cli.MetricsCsv;

/** The dashboard's HTTP endpoints over run folders written by hand: the JSON, the run list, safety. */
class UiServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private UiServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private URI start(Path root) {
        server = UiServer.start(root, RunFolders.FILES, InetAddress.getLoopbackAddress(), 0);
        return server.url();
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void runJsonHoldsExactlyTheValuesOfMetricsCsv() throws Exception {
        Path run = RunFolders.run(dir.resolve("r1"), 4, 7);
        List<String> noValidation = RunFolders.rows(3, 8, false);
        Path second = Files.createDirectories(dir.resolve("r2"));
        RunFolders.writeMetrics(second, noValidation);
        URI url = start(dir);

        JsonNode json = JSON.readTree(get(url.resolve("/api/run?run=r1")).body());
        List<String> lines = Files.readAllLines(run.resolve(MetricsCsv.FILE));
        String[] header = lines.get(0).split(",");
        assertEquals(4, json.get("epochs").size());
        for (int e = 0; e < 4; e++) {
            String[] cells = lines.get(e + 1).split(",");
            for (int c = 0; c < header.length; c++) {
                assertEquals(Double.parseDouble(cells[c]), json.get("epochs").get(e).get(header[c]).asDouble(), 0.0,
                        "epoch " + (e + 1) + ", " + header[c]);
            }
        }
        assertEquals("adam", json.get("settings").get("optimization").get("optimizer").asText());
        assertTrue(json.get("report").isNull(), "no report before the run has finished");

        JsonNode unmeasured = JSON.readTree(get(url.resolve("/api/run?run=r2")).body()).get("epochs").get(2);
        assertTrue(unmeasured.get("validation_loss").isNull(), "NaN (no validation split) is null in JSON: " + unmeasured);
        assertEquals(Double.parseDouble(noValidation.get(2).split(",")[1]), unmeasured.get("train_loss").asDouble(), 0.0);
    }

    @Test
    void gradientsAndReportReadAsWritten() throws Exception {
        Path run = RunFolders.run(dir.resolve("r"), 2, 3);
        RunFolders.write(run.resolve("gradients.csv"), "epoch,step,global_step,layer,description,delta_norm,weight_gradient_norm,"
                + "weight_norm,update_ratio\n1,0,0,1,\"Dense(64 → 32, relu)\",0.5,0.25,3.0,NaN\n");
        RunFolders.write(run.resolve("report.json"), "{\"test_accuracy\": 0.75, \"confusion_matrix\": [[3, 1], [0, 4]],"
                + " \"per_class\": [{\"name\": \"cat\"}, {\"name\": \"dog\"}], \"backend_report\": {\"huge\": true}}");
        JsonNode json = JSON.readTree(get(start(run).resolve("/api/run?run=.")).body());
        JsonNode row = json.get("gradients").get(0);
        assertEquals("Dense(64 → 32, relu)", row.get("description").asText());
        assertEquals(0.25, row.get("weight_gradient_norm").asDouble(), 0.0);
        assertTrue(row.get("update_ratio").isNull());
        assertEquals("[[3,1],[0,4]]", json.get("report").get("confusion_matrix").toString());
        assertEquals("[\"cat\",\"dog\"]", json.get("report").get("class_names").toString());
        assertFalse(json.get("report").has("backend_report"));
    }

    @Test
    void theRunOfTrainUiIsShownBeforeItHasWrittenAnyFile() throws Exception {
        Path run = Files.createDirectories(dir.resolve("loading"));
        server = UiServer.startForRun(run, RunFolders.FILES, InetAddress.getLoopbackAddress(), 0);
        JsonNode runs = JSON.readTree(get(server.url().resolve("/api/runs")).body());
        assertTrue(runs.get("single").asBoolean());
        assertEquals(".", runs.get("runs").get(0).get("name").asText());
        assertEquals(0, JSON.readTree(get(server.url().resolve("/api/run?run=.")).body()).get("epochs").size());
        RunFolders.run(run, 2, 1);
        assertEquals(2, JSON.readTree(get(server.url().resolve("/api/run?run=.")).body()).get("epochs").size());
    }

    @Test
    void runListHoldsRunsAndAStudysTrialsWithTheirBestEpoch() throws Exception {
        RunFolders.run(dir.resolve("a"), 3, 1);
        RunFolders.run(dir.resolve("study").resolve("trial-1"), 2, 2);
        RunFolders.run(dir.resolve("study").resolve("trial-2"), 5, 3);
        RunFolders.run(dir.resolve(".hidden"), 1, 4);
        Files.createDirectories(dir.resolve("empty"));
        JsonNode json = JSON.readTree(get(start(dir).resolve("/api/runs")).body());
        List<String> names = new ArrayList<>();
        json.get("runs").forEach(r -> names.add(r.get("name").asText()));
        assertEquals(List.of("a", "study/trial-1", "study/trial-2"), names);
        assertFalse(json.get("single").asBoolean());

        JsonNode trial = json.get("runs").get(2);
        List<String> rows = RunFolders.rows(5, 3, true);
        int best = 0;
        for (int e = 1; e < rows.size(); e++) {
            if (Double.parseDouble(rows.get(e).split(",")[4]) > Double.parseDouble(rows.get(best).split(",")[4])) {
                best = e;
            }
        }
        assertEquals(best + 1, trial.get("best_epoch").asInt());
        assertEquals(Double.parseDouble(rows.get(best).split(",")[4]), trial.get("best_validation_accuracy").asDouble(), 0.0);
        assertEquals(5, trial.get("epochs").asInt());
        assertEquals(0.003, trial.get("settings").get("optimization").get("learningRate").asDouble(), 1e-15);
    }

    @Test
    void pathTraversalIsRefused() throws Exception {
        RunFolders.run(dir.resolve("runs").resolve("a"), 2, 1);
        Files.writeString(dir.resolve("secret.csv"), "epoch\n");
        URI url = start(dir.resolve("runs"));
        for (String name : List.of("..", "%2e%2e", "%2E%2E%2Fsecret.csv", "a/..", "a/../..", "/etc", "%2Fetc%2Fpasswd", "a%5C..%5C..", ".%2F..",
                "a//b", dir.toAbsolutePath().toString())) {
            for (String endpoint : List.of("/api/run?run=", "/api/events?run=")) {
                HttpResponse<String> response = get(url.resolve(endpoint + name));
                assertEquals(400, response.statusCode(), endpoint + name + ": " + response.body());
                assertTrue(response.body().contains("refused run name"), response.body());
            }
        }
        assertEquals(404, get(url.resolve("/api/run?run=b")).statusCode());
        assertEquals(200, get(url.resolve("/api/run?run=a")).statusCode());
        for (String path : List.of("/../secret.csv", "/%2e%2e/secret.csv", "/a/metrics.csv", "/..%2f..%2fetc%2fpasswd")) {
            String status = raw(url, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + url.getPort() + "\r\nConnection: close\r\n\r\n");
            assertTrue(status.startsWith("HTTP/1.1 404") || status.startsWith("HTTP/1.1 400"), path + ": " + status);
        }
    }

    @Test
    void runNamesAreEscapedInJson() throws Exception {
        String name = "<img src=x onerror=alert('x')>&";
        RunFolders.run(dir.resolve(name), 2, 1);
        String body = get(start(dir).resolve("/api/runs")).body();
        assertFalse(body.contains("<") || body.contains(">") || body.contains("&") || body.contains("'"), body);
        assertTrue(body.contains("\\u003Cimg src=x onerror=alert(\\u0027x\\u0027)\\u003E\\u0026"), body);
        assertEquals(name, JSON.readTree(body).get("runs").get(0).get("name").asText());
    }

    @Test
    void onlyGetIsAllowed() throws Exception {
        RunFolders.run(dir.resolve("a"), 2, 1);
        URI url = start(dir);
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url.resolve("/api/runs"))
                    .method(method, HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, response.statusCode(), method);
            assertEquals("GET", response.headers().firstValue("Allow").orElse(""));
        }
        assertTrue(Files.isRegularFile(dir.resolve("a").resolve(MetricsCsv.FILE)));
    }

    @Test
    void loopbackByDefaultAndOtherHostNamesRefused() throws Exception {
        RunFolders.run(dir.resolve("a"), 2, 1);
        URI url = start(dir);
        assertEquals("127.0.0.1", url.getHost());
        assertTrue(server.loopback());
        String refused = raw(url, "GET /api/runs HTTP/1.1\r\nHost: attacker.example:" + url.getPort() + "\r\nConnection: close\r\n\r\n");
        assertTrue(refused.startsWith("HTTP/1.1 403"), refused);
        String allowed = raw(url, "GET /api/runs HTTP/1.1\r\nHost: localhost:" + url.getPort() + "\r\nConnection: close\r\n\r\n");
        assertTrue(allowed.startsWith("HTTP/1.1 200"), allowed);
    }

    @Test
    void pageAndScriptsComeFromTheJarWithAStrictPolicy() throws Exception {
        RunFolders.run(dir.resolve("a"), 2, 1);
        URI url = start(dir);
        HttpResponse<String> page = get(url);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"/app.js\"></script>"), page.body());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        String script = get(url.resolve("/app.js")).body();
        assertFalse(script.contains("innerHTML"), "text goes in through textContent only");
        assertFalse(script.contains("http://") && !script.contains("http://www.w3.org/2000/svg"), "no network but this server");
        assertEquals(404, get(url.resolve("/index.html.bak")).statusCode());
    }

    /** Sends {@code request} as is (no client normalises its path or Host) and returns the status line. */
    private static String raw(URI url, String request) throws IOException {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
        }
    }
}
