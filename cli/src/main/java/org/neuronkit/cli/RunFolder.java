package org.neuronkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.neuronkit.ConfigurationException;
import org.neuronkit.io.AtomicFiles;

/**
 * The folder a command writes its results into: {@code runs/<timestamp>} unless chosen. Every file
 * is written atomically (see {@link AtomicFiles}), so a kill never leaves a half-written one.
 */
final class RunFolder {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String REPORT = "report.json";
    /** What a training run writes; {@code --overwrite} removes these (and nothing else) from an old run. */
    static final List<String> RUN_FILES = List.of(TrainSettings.FILE, MetricsCsv.FILE, TrainCommand.CHECKPOINT, TrainCommand.BEST,
            TrainCommand.MODEL, REPORT, RunCharts.LOSS, RunCharts.ACCURACY, RunCharts.CONFUSION, GradientTable.CSV, GradientTable.PNG);
    private final Path path;
    /** The outermost folder this run created, removed again by {@link #discardIfEmpty}; null if it existed. */
    private final Path created;

    private RunFolder(Path path, Path created) {
        this.path = path;
        this.created = created;
    }

    /** Creates {@code chosen}, or {@code runs/<timestamp>} when null. */
    static RunFolder create(Path chosen) {
        Path path = chosen != null ? chosen : Path.of("runs", LocalDateTime.now().format(STAMP));
        if (path.toString().isBlank()) {
            throw new ConfigurationException("--out is empty: give the folder to write into");
        }
        Path outermost = path.toAbsolutePath();
        while (outermost.getParent() != null && !Files.exists(outermost.getParent())) {
            outermost = outermost.getParent();
        }
        Path created = Files.exists(outermost) ? null : outermost;
        try {
            Files.createDirectories(path);
            Files.delete(Files.createTempFile(path, ".write-test", ".tmp"));
        } catch (IOException e) {
            throw new ConfigurationException("cannot write into the folder " + path + ": " + describe(e));
        }
        return new RunFolder(path, created);
    }

    /**
     * The folder of a new training run, checked before any data is read: a folder holding another
     * run's files is refused unless {@code overwrite}, which removes those files first.
     */
    static RunFolder forNewRun(Path chosen, boolean overwrite) {
        if (chosen != null && Files.isDirectory(chosen)) {
            List<String> old = runFilesIn(chosen);
            if (!old.isEmpty() && !overwrite) {
                throw new ConfigurationException("the folder " + chosen + " holds a run (" + String.join(", ", old)
                        + "); continue it with --resume " + chosen + ", replace it with --overwrite, or choose another --out");
            }
            for (String name : old) {
                try {
                    Files.delete(chosen.resolve(name));
                } catch (IOException e) {
                    throw new ConfigurationException("cannot remove " + chosen.resolve(name) + ": " + describe(e));
                }
            }
            AtomicFiles.removeLeftovers(chosen);
        }
        return create(chosen);
    }

    private static List<String> runFilesIn(Path dir) {
        List<String> present = new ArrayList<>();
        for (String name : RUN_FILES) {
            if (Files.exists(dir.resolve(name))) {
                present.add(name);
            }
        }
        return present;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Removes the folder again if this run created it and wrote nothing into it (a run that never started). */
    void discardIfEmpty() {
        if (created == null) {
            return;
        }
        try {
            for (Path dir = path.toAbsolutePath(); dir != null && dir.startsWith(created); dir = dir.getParent()) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        return;
                    }
                }
                Files.delete(dir);
            }
        } catch (IOException ignored) {
            // the failure that ended the run is the one to report
        }
    }

    Path path() {
        return path;
    }

    /** Writes {@code report.json}. */
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
        writeBytes(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private void writeBytes(String name, byte[] content) {
        AtomicFiles.write(path.resolve(name), content);
    }

    /** An existing run folder, for {@code --resume}, without the temporary files of writes a kill interrupted. */
    static RunFolder existing(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationException("cannot resume: the run folder " + dir + " does not exist");
        }
        AtomicFiles.removeLeftovers(dir);
        return new RunFolder(dir, null);
    }

    Path file(String name) {
        return path.resolve(name);
    }
}
