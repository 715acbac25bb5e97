package org.neuronkit.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.neuronkit.io.AtomicFiles;

/** Writes a small table as CSV (comma-separated, header first; numbers in Java's shortest exact form), atomically. */
final class Csv {
    private Csv() {
    }

    static void write(Path file, List<String> header, List<List<Object>> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", header));
        for (List<Object> row : rows) {
            lines.add(row.stream().map(Csv::cell).collect(Collectors.joining(",")));
        }
        AtomicFiles.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A CSV cell: the value's text, quoted when it holds a comma or a quote. */
    static String cell(Object value) {
        String text = String.valueOf(value);
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
