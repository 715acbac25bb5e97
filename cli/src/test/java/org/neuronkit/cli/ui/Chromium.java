package org.neuronkit.cli.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium driven through its command line ({@code --dump-dom}, {@code --screenshot}), and
 * the charts read back from the page it rendered: each chart is an {@code <svg data-chart=ID>} whose
 * {@code <polyline>}s carry the values they drew ({@code data-series}, {@code data-run},
 * {@code data-values}). Without Chromium the tests are skipped, except on CI (the variable {@code CI}
 * set), where they fail.
 */
final class Chromium {
    private static final Pattern CHART = Pattern.compile("<svg [^>]*data-chart=\"([^\"]*)\"[^>]*>(.*?)</svg>", Pattern.DOTALL);
    private static final Pattern POLYLINE = Pattern.compile("<polyline [^>]*>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");
    private static final long TIMEOUT_SECONDS = 120;
    private final Path executable;
    private final Path profile;

    private Chromium(Path executable, Path profile) {
        this.executable = executable;
        this.profile = profile;
    }

    /** The chromium on the PATH; skips the test without one, or fails it on CI. */
    static Chromium find(Path work) throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return new Chromium(candidate, Files.createDirectories(work.resolve("chromium-profile")));
                }
            }
        }
        String message = "no chromium on the PATH (Debian: apt-get install chromium)";
        if (System.getenv("CI") != null) {
            fail(message + "; CI must run the dashboard's browser tests");
        }
        Assumptions.abort(message);
        return null;
    }

    /** The page's DOM after its scripts ran: Chromium waits while a request (an event stream) is open, then for {@code millis} of page time. */
    String dumpDom(String url, int millis) throws IOException, InterruptedException {
        return run(List.of("--virtual-time-budget=" + millis, "--dump-dom", url));
    }

    /** A PNG of the page, {@code width} × {@code height}. */
    void screenshot(String url, int millis, Path png, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(List.of("--virtual-time-budget=" + millis, "--hide-scrollbars", "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(), url));
        assertEquals(true, Files.size(png) > 10_000, "screenshot " + png);
    }

    private String run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--disable-gpu", "--no-sandbox",
                "--no-first-run", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        command.addAll(arguments);
        Path log = Files.createTempFile(profile.getParent(), "chromium", ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        assertEquals(0, process.exitValue(), () -> "chromium failed: " + command + "\n" + read(log));
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** A drawn line: its series, its run, and the values it drew (null for a value not measured). */
    record Line(String series, String run, List<Double> values) {
    }

    /** The lines of each chart in {@code dom}, by chart id. */
    static Map<String, List<Line>> charts(String dom) {
        Map<String, List<Line>> charts = new LinkedHashMap<>();
        Matcher chart = CHART.matcher(dom);
        while (chart.find()) {
            List<Line> lines = new ArrayList<>();
            Matcher polyline = POLYLINE.matcher(chart.group(2));
            while (polyline.find()) {
                Map<String, String> attributes = new LinkedHashMap<>();
                Matcher a = ATTRIBUTE.matcher(polyline.group());
                while (a.find()) {
                    attributes.put(a.group(1), a.group(2));
                }
                List<Double> values = new ArrayList<>();
                for (String v : attributes.get("data-values").split(",", -1)) {
                    values.add(v.isEmpty() ? null : Double.valueOf(v));
                }
                lines.add(new Line(attributes.get("data-series"), unescape(attributes.get("data-run")), values));
            }
            charts.put(chart.group(1), lines);
        }
        assertNotNull(dom);
        return charts;
    }

    /** An attribute's text as the DOM serialiser escapes it. */
    static String unescape(String attribute) {
        return attribute.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
