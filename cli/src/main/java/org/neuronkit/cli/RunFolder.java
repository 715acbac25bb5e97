package org.neuronkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.neuronkit.ConfigurationException;

/** The folder a training run writes its results into: {@code runs/<timestamp>} unless chosen. */
final class RunFolder {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path path;

    private RunFolder(Path path) {
        this.path = path;
    }

    /** Creates {@code chosen}, or {@code runs/<timestamp>} when null. */
    static RunFolder create(Path chosen) {
        Path path = chosen != null ? chosen : Path.of("runs", LocalDateTime.now().format(STAMP));
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new ConfigurationException("cannot create the run folder " + path + ": " + e.getMessage());
        }
        return new RunFolder(path);
    }

    Path path() {
        return path;
    }

    /** Writes {@code report.json}: to a temporary file first, then renamed, so it is never half-written. */
    void writeReport(RunReport report) {
        writeJson("report.json", report.toJson());
    }

    void writeJson(String name, Object value) {
        Path target = path.resolve(name);
        Path temporary = path.resolve(name + ".tmp");
        try {
            JSON.writeValue(temporary.toFile(), value);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + target, e);
        }
    }
}
