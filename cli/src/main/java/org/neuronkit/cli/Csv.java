package org.neuronkit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Writes a small table as CSV (comma-separated, header first; numbers in Java's shortest exact form). */
final class Csv {
    private Csv() {
    }

    static void write(Path file, List<String> header, List<List<Object>> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", header));
        for (List<Object> row : rows) {
            lines.add(row.stream().map(Csv::cell).collect(Collectors.joining(",")));
        }
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    /** A CSV cell: the value's text, quoted when it holds a comma or a quote. */
    static String cell(Object value) {
        String text = String.valueOf(value);
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
