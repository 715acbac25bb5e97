package org.neuronkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.neuronkit.io.AtomicFiles;

/**
 * The folder a command writes its results into: {@code runs/<timestamp>} unless chosen. Every file
 * is written atomically (see {@link AtomicFiles}), so a kill never leaves a half-written one.
 *
 * <p>A training run's folder ({@link #forNewRun}, {@link #existing}) is locked for the run's life
 * ({@link RunLock}), so two trainings never write into one folder. The run owns it from
 * {@link #begin}: that is when an {@code --overwrite} removes the old run's files (so data that fail
 * their checks leave the old run as it was), and when the marker {@value #OWNER} is written
 * atomically, before {@code settings.json}: {@code {"run": id, "settings_sha256": [...], "outputs": [...]}},
 * the run's id, the hashes of the settings files it wrote and its data's class (or target) names.
 * {@code --resume} refuses a folder whose settings.json is not one the marker names (it comes from
 * another run) and data whose names differ ({@link #requireOutputsOfTheRun}), and removes, with a
 * message, a folder that holds nothing but these files of its own (a run killed before it wrote its
 * settings, e.g. while its data loaded).
 */
final class RunFolder implements AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String REPORT = "report.json";
    /** The marker that says which run the folder belongs to. */
    static final String OWNER = ".neuronkit-run.json";
    /** What a training run writes; {@code --overwrite} removes these (and nothing else) from an old run. */
    static final List<String> RUN_FILES = List.of(TrainSettings.FILE, MetricsCsv.FILE, TrainCommand.CHECKPOINT, TrainCommand.BEST,
            TrainCommand.MODEL, REPORT, RunCharts.LOSS, RunCharts.ACCURACY, RunCharts.CONFUSION, RunCharts.LEARNING_RATE, GradientTable.CSV, GradientTable.PNG);
    private final Path path;
    /** The outermost folder this run created, removed again by {@link #discardIfEmpty}; null if it existed. */
    private final Path created;
    /** The training run's lock; null for a folder of another command. */
    private final RunLock lock;
    /** The old run's files that {@link #begin} removes ({@code --overwrite}). */
    private final List<String> replaced;
    private final String runId;
    /** The hash of the settings file the run resumes with; null for a new run. */
    private final String settingsHash;
    /** The output names (classes or targets) the marker of the run being resumed records; null for a new run or an older marker. */
    private final List<String> recordedOutputs;

    private RunFolder(Path path, Path created, RunLock lock, List<String> replaced, String runId, String settingsHash,
            List<String> recordedOutputs) {
        this.path = path;
        this.created = created;
        this.lock = lock;
        this.replaced = replaced;
        this.runId = runId;
        this.settingsHash = settingsHash;
        this.recordedOutputs = recordedOutputs;
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
        return new RunFolder(path, created, null, List.of(), null, null, null);
    }

    /**
     * The folder of a new training run, checked and locked before any data is read: a folder holding
     * another run's files is refused unless {@code overwrite}, which removes them when the new run
     * {@linkplain #begin begins}.
     */
    static RunFolder forNewRun(Path chosen, boolean overwrite) {
        RunFolder folder = create(chosen);
        RunLock lock;
        try {
            lock = RunLock.take(folder.path);
        } catch (RuntimeException e) {
            folder.discardIfEmpty();
            throw e;
        }
        List<String> old = runFilesIn(folder.path);
        if (!old.isEmpty() && !overwrite) {
            lock.close();
            throw new ConfigurationException("the folder " + folder.path + " holds a run (" + String.join(", ", old)
                    + "); continue it with --resume " + folder.path + ", replace it with --overwrite, or choose another --out");
        }
        return new RunFolder(folder.path, folder.created, lock, old, UUID.randomUUID().toString(), null, null);
    }

    /**
     * Makes the folder the run's, once its data and options passed every check: removes the files of
     * the run it replaces, writes the marker naming this run, {@code settings}' hash and the data's
     * {@code outputs} (class or target names, which a resumed run must find again), then
     * {@code settings.json}. A kill between any two steps leaves a folder that {@link #existing}
     * either resumes or removes.
     */
    void begin(TrainSettings settings, List<String> outputs) {
        for (String name : replaced) {
            try {
                Files.deleteIfExists(path.resolve(name));
            } catch (IOException e) {
                throw new ConfigurationException("cannot remove " + path.resolve(name) + ": " + describe(e));
            }
        }
        AtomicFiles.removeLeftovers(path);
        byte[] json = json(settings);
        List<String> hashes = new ArrayList<>();
        if (settingsHash != null) {
            hashes.add(settingsHash); // a kill before the new settings file is in place leaves the old one, which stays valid
        }
        hashes.add(sha256(json));
        writeJson(OWNER, Map.of("run", runId, "settings_sha256", hashes, "outputs", outputs));
        writeBytes(TrainSettings.FILE, json);
    }

    /**
     * @param outputs the class (or target) names of the data the resumed run has just read
     * @throws DataException when they differ from those the run began with (its data file changed): the
     *         saved weights would go on training towards other targets
     */
    void requireOutputsOfTheRun(List<String> outputs) {
        if (recordedOutputs != null && !recordedOutputs.equals(outputs)) {
            throw new DataException("cannot resume: the data's " + (outputs.size() == 1 ? "output is " : "outputs are ") + outputs
                    + " now, and the run in " + path + " began with " + recordedOutputs + " (its data changed since): the saved weights"
                    + " would go on training towards other targets; start a new run");
        }
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

    /** Removes the folder again if this run created it and wrote nothing into it but its lock (a run that never started). */
    void discardIfEmpty() {
        if (created == null) {
            return;
        }
        try {
            for (Path dir = path.toAbsolutePath(); dir != null && dir.startsWith(created); dir = dir.getParent()) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.anyMatch(p -> lock == null || !p.getFileName().toString().equals(RunLock.FILE))) {
                        return;
                    }
                }
                if (lock != null && dir.equals(path.toAbsolutePath())) {
                    lock.releaseAndDelete();
                }
                Files.delete(dir);
            }
        } catch (IOException ignored) {
            // the failure that ended the run is the one to report
        }
    }

    /** Releases the run's lock. */
    @Override
    public void close() {
        if (lock != null) {
            lock.close();
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
        writeBytes(name, json(value));
    }

    /** Writes {@code text} (UTF-8) into the file {@code name}, atomically. */
    void writeText(String name, String text) {
        writeBytes(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private void writeBytes(String name, byte[] content) {
        AtomicFiles.write(path.resolve(name), content);
    }

    /**
     * An existing run folder, for {@code --resume}, locked, without the temporary files of writes a
     * kill interrupted, and checked to belong to one run. A folder that holds only the lock and marker
     * of a run killed before it wrote its settings is removed, with a message.
     */
    static RunFolder existing(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationException("cannot resume: " + (Files.exists(dir) ? dir + " is a file, not a run folder"
                    : "the run folder " + dir + " does not exist"));
        }
        boolean aRunsLock = Files.exists(dir.resolve(RunLock.FILE)); // a run locked it; a folder the user made has no lock file
        RunLock lock = RunLock.take(dir);
        try {
            AtomicFiles.removeLeftovers(dir);
            Path settings = dir.resolve(TrainSettings.FILE);
            Map<String, Object> owner = readOwner(dir);
            if (!Files.isRegularFile(settings) && (owner != null || aRunsLock) && onlyOwnFiles(dir)) {
                Files.deleteIfExists(dir.resolve(OWNER));
                lock.releaseAndDelete();
                Files.delete(dir);
                throw new ConfigurationException("cannot resume: the run in " + dir + " was stopped before it wrote " + TrainSettings.FILE
                        + " (killed or interrupted while its data loaded), so there is nothing to resume; its empty folder was removed:"
                        + " start the run again without --resume");
            }
            if (!Files.isRegularFile(settings)) {
                lock.releaseAndDelete();
                throw new ConfigurationException("cannot resume: " + dir + " holds no run (no " + TrainSettings.FILE + "); give the folder"
                        + " a training run wrote (its --out)");
            }
            String hash = Files.isRegularFile(settings) ? sha256(Files.readAllBytes(settings)) : null;
            if (owner != null && !((List<?>) owner.getOrDefault("settings_sha256", List.of())).contains(hash)) {
                throw new ConfigurationException("cannot resume: the files in " + dir + " come from two runs: its " + TrainSettings.FILE
                        + " is not the one run " + owner.get("run") + " wrote (another training wrote into the folder);"
                        + " start a new run with another --out");
            }
            String runId = owner == null ? UUID.randomUUID().toString() : String.valueOf(owner.get("run"));
            List<String> outputs = owner != null && owner.get("outputs") instanceof List<?> names
                    ? names.stream().map(String::valueOf).toList() : null;
            return new RunFolder(dir, null, lock, List.of(), runId, hash, outputs);
        } catch (IOException e) {
            lock.close();
            throw new ConfigurationException("cannot resume from " + dir + ": " + describe(e));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The marker's content, or null for a folder written before markers existed. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> readOwner(Path dir) throws IOException {
        Path file = dir.resolve(OWNER);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), Map.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ConfigurationException("cannot resume: " + file + " is not a valid run marker: " + e.getOriginalMessage());
        }
    }

    /** Whether the folder holds nothing but the lock and the marker. */
    private static boolean onlyOwnFiles(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).allMatch(n -> n.equals(RunLock.FILE) || n.equals(OWNER));
        }
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("encoding " + value, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    Path file(String name) {
        return path.resolve(name);
    }
}
