package org.neuronkit.cli.ui;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.neuronkit.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard: a read-only web server (the JDK's {@link HttpServer}) over a folder of runs, or over
 * one run ({@code train --ui}). It only reads the files the runs write (see {@link RunFiles}); training
 * pushes nothing to it and shares nothing with it, so stopping it cannot stop or corrupt a run.
 *
 * <table>
 *   <caption>Its addresses (GET only; any other method is answered 405)</caption>
 *   <tr><td>{@code /}, {@code /app.js}, {@code /app.css}</td><td>the page, bundled in the jar ({@link Assets})</td></tr>
 *   <tr><td>{@code /api/runs}</td><td>the run list: each run's settings, best validation accuracy, test results</td></tr>
 *   <tr><td>{@code /api/run?run=NAME}</td><td>one run: settings, every epoch, gradient norms, report</td></tr>
 *   <tr><td>{@code /api/events?run=NAME}</td><td>one run's progress as server-sent events ({@link EventStream})</td></tr>
 * </table>
 *
 * <p>Safe by default: bound to the loopback address, it also refuses (403) a request whose
 * {@code Host} is not a loopback name (a web page that rebinds its own domain name to 127.0.0.1 cannot
 * read the runs); run names are looked up, never opened as paths ({@link RunCatalog}); JSON escapes
 * {@code <>&'} ({@link Json}); every response forbids framing and content sniffing, and the page's
 * content-security policy allows nothing but its own scripts and styles.
 */
public final class UiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UiServer.class);
    private static final String SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final List<String> LOOPBACK_HOSTS = List.of("127.0.0.1", "localhost", "[::1]");
    private final RunCatalog catalog;
    private final HttpServer server;
    private final ExecutorService threads;
    private final boolean loopback;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean open = true;

    private UiServer(RunCatalog catalog, HttpServer server, ExecutorService threads, boolean loopback) {
        this.catalog = catalog;
        this.server = server;
        this.threads = threads;
        this.loopback = loopback;
    }

    /**
     * Starts serving the runs under {@code root} (a run folder, or a folder of runs and of studies) on
     * {@code address}:{@code port} (port 0: a free one).
     */
    public static UiServer start(Path root, RunFiles files, InetAddress address, int port) {
        return start(new RunCatalog(root, files, false), address, port);
    }

    /** Starts serving the one run in {@code folder}, which may not hold any file yet ({@code train --ui}). */
    public static UiServer startForRun(Path folder, RunFiles files, InetAddress address, int port) {
        return start(new RunCatalog(folder, files, true), address, port);
    }

    private static UiServer start(RunCatalog catalog, InetAddress address, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 0);
        } catch (BindException e) {
            throw new ConfigurationException("the dashboard cannot listen on " + address.getHostAddress() + ":" + port + ": "
                    + e.getMessage() + (port == 0 ? "" : " (choose another port, or 0 for a free one)"));
        } catch (IOException e) {
            throw new UncheckedIOException("starting the dashboard on " + address.getHostAddress() + ":" + port, e);
        }
        ExecutorService threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "neuronkit-ui");
            thread.setDaemon(true);
            return thread;
        });
        UiServer ui = new UiServer(catalog, server, threads, address.isLoopbackAddress());
        server.setExecutor(threads);
        server.createContext("/", ui::handle);
        server.start();
        return ui;
    }

    /** The page's address, e.g. {@code http://127.0.0.1:41234/}. */
    public URI url() {
        InetSocketAddress bound = server.getAddress();
        InetAddress address = bound.getAddress();
        String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + "/");
    }

    /** Whether it answers only this machine. */
    public boolean loopback() {
        return loopback;
    }

    /** Blocks until {@link #close} (from another thread, e.g. a shutdown hook) or an interrupt. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Stops serving: event streams end within one poll, open requests get a second to finish. */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        server.stop(1);
        threads.shutdownNow();
        closed.countDown();
    }

    private void handle(HttpExchange exchange) {
        try {
            Headers headers = exchange.getResponseHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Content-Security-Policy", SECURITY_POLICY);
            headers.set("Cache-Control", "no-store");
            if (!exchange.getRequestMethod().equals("GET")) {
                headers.set("Allow", "GET");
                error(exchange, 405, "the dashboard is read-only: " + exchange.getRequestMethod() + " is not allowed, only GET");
                return;
            }
            if (loopback && !loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
                error(exchange, 403, "this dashboard answers only requests to 127.0.0.1 or localhost");
                return;
            }
            route(exchange);
        } catch (RunCatalog.RefusedName e) {
            error(exchange, 400, e.getMessage());
        } catch (RunCatalog.UnknownRun e) {
            error(exchange, 404, e.getMessage());
        } catch (IOException e) {
            LOG.debug("dashboard client left: {}", e.toString()); // a closed browser tab ends its event stream so
        } catch (RuntimeException e) {
            LOG.warn("dashboard request {} failed", exchange.getRequestURI(), e);
            error(exchange, 500, String.valueOf(e.getMessage()));
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, String> query = query(uri.getRawQuery());
        switch (uri.getPath()) {
            case "/api/runs" -> json(exchange, runs());
            case "/api/run" -> json(exchange, RunReader.run(catalog, query.get("run")));
            case "/api/events" -> new EventStream(catalog, query.get("run")).serve(exchange, () -> open);
            default -> Assets.serve(exchange, uri.getPath());
        }
    }

    private Map<String, Object> runs() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("root", catalog.root().getFileName() == null ? catalog.root().toString() : catalog.root().getFileName().toString());
        json.put("single", catalog.rootIsRun());
        json.put("columns", RunReader.columns());
        json.put("runs", catalog.names().stream().map(name -> RunReader.summary(catalog, name)).toList());
        return json;
    }

    private static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf(']')) {
            name = name.substring(0, colon);
        }
        return LOOPBACK_HOSTS.contains(name);
    }

    /** The query's parameters, percent-decoded; the last value of a repeated one. */
    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw == null) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static void json(HttpExchange exchange, Object value) throws IOException {
        send(exchange, 200, "application/json; charset=utf-8", Json.write(value).getBytes(StandardCharsets.UTF_8));
    }

    private static void error(HttpExchange exchange, int status, String message) {
        try {
            send(exchange, status, "application/json; charset=utf-8", Json.write(Map.of("error", message)).getBytes(StandardCharsets.UTF_8));
        } catch (IOException | IllegalStateException alreadyAnswered) {
            LOG.debug("cannot answer {} with {}: {}", exchange.getRequestURI(), status, alreadyAnswered.toString());
        }
    }

    static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }
}
