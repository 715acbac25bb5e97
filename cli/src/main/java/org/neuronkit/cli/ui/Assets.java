package org.neuronkit.cli.ui;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The page's files, bundled in the jar under {@value #FOLDER}: a fixed table from address to file, so
 * that no part of a request's path is ever used to find a resource. No CDN, no network: the charts are
 * SVG drawn by {@code app.js} itself.
 */
final class Assets {
    static final String FOLDER = "/org/neuronkit/cli/ui/web/";
    private static final Map<String, Asset> FILES = Map.of(
            "/", new Asset("index.html", "text/html; charset=utf-8"),
            "/app.js", new Asset("app.js", "text/javascript; charset=utf-8"),
            "/app.css", new Asset("app.css", "text/css; charset=utf-8"));

    private Assets() {
    }

    /** Answers {@code path} with its file, or 404. */
    static void serve(HttpExchange exchange, String path) throws IOException {
        Asset file = FILES.get(path);
        if (file == null) {
            UiServer.send(exchange, 404, "text/plain; charset=utf-8", ("not found: the dashboard has no page " + path)
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        UiServer.send(exchange, 200, file.type(), read(file.name()));
    }

    /** A bundled file and its content type. */
    private record Asset(String name, String type) {
    }

    private static byte[] read(String name) {
        try (InputStream in = Assets.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the dashboard's " + FOLDER + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + FOLDER + name, e);
        }
    }
}
