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
    static final String REPORT = "report.json";
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
        writeJson(REPORT, report.toJson());
    }

    /** Writes {@code value} as indented JSON into the file {@code name}, atomically. */
    void writeJson(String name, Object value) {
        try {
            writeBytes(name, JSON.writeValueAsBytes(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("writing " + path.resolve(name), e);
        }
    }

    /** Writes {@code text} (UTF-8) into the file {@code name}, atomically. */
    void writeText(String name, String text) {
        writeBytes(name, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Writes to {@code name.tmp} first, then renames it over {@code name}, so the file is never half-written. */
    private void writeBytes(String name, byte[] content) {
        Path target = path.resolve(name);
        Path temporary = path.resolve(name + ".tmp");
        try {
            Files.write(temporary, content);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + target, e);
        }
    }

    /** An existing run folder, for {@code --resume}. */
    static RunFolder existing(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationException("cannot resume: the run folder " + dir + " does not exist");
        }
        return new RunFolder(dir);
    }

    Path file(String name) {
        return path.resolve(name);
    }
}
