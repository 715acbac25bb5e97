package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.cli.TrainCommandTest.Result;

/** A run folder belongs to one run: nothing of an old run is lost before a new one starts, and no two runs write into one folder. */
class RunFolderTest {
    @TempDir
    Path dir;

    private static String[] quickRun(Path out, String... more) {
        String[] base = {"train", "--epochs", "2", "--hidden", "8", "--limit", "300", "--out", out.toString()};
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    /** Every regular file of the folder with its bytes. */
    private static Map<String, byte[]> contents(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path p : entries.toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, bytes) -> assertArrayEquals(bytes, actual.get(name), name));
    }

    private static void assertRefused(Result result, String start) {
        assertEquals(ExitCode.CONFIGURATION.code, result.code(), result.out() + result.err());
        assertTrue(result.err().startsWith("neuronkit: " + start), result.err());
    }

    @Test
    void overwriteWithDataThatFailItsChecksLeavesTheOldRunAsItWas() throws IOException {
        Path runDir = dir.resolve("run");
        assertEquals(0, run(quickRun(runDir)).code());
        Map<String, byte[]> before = contents(runDir);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "1,2,0\n3,oops,1\n");
        Result overwrite = run("train", "--data", "csv:" + bad, "--out", runDir.toString(), "--overwrite");
        assertEquals(ExitCode.DATA.code, overwrite.code(), overwrite.err());
        assertSameFiles(before, contents(runDir));
    }

    @Test
    void aFolderInUseIsRefusedNamingTheProcessThatHoldsIt() throws IOException {
        Path runDir = dir.resolve("busy");
        String holder = "(process " + ProcessHandle.current().pid() + ")";
        try (RunFolder held = RunFolder.forNewRun(runDir, false)) {
            for (String[] args : new String[][] {quickRun(runDir), quickRun(runDir, "--overwrite"), {"train", "--resume", runDir.toString()}}) {
                Result refused = run(args);
                assertRefused(refused, "the run folder " + runDir + " is in use by another training " + holder
                        + "; wait for it to end or choose another --out");
            }
        }
        assertEquals(0, run(quickRun(runDir)).code(), "the lock is released with the folder");
        assertEquals(ExitCode.CONFIGURATION.code, run(quickRun(runDir)).code(), "and a finished run is not replaced without --overwrite");
    }

    @Test
    void resumeRefusesAFolderWhoseSettingsComeFromAnotherRun() throws IOException {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        assertEquals(0, run(quickRun(first, "--stop-after", "1")).code());
        assertEquals(0, run(quickRun(second, "--seed", "9", "--stop-after", "1")).code());
        Files.copy(second.resolve(TrainSettings.FILE), first.resolve(TrainSettings.FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertRefused(run("train", "--resume", first.toString()), "cannot resume: the files in " + first + " come from two runs: its settings.json"
                + " is not the one run ");
        assertEquals(0, run("train", "--resume", second.toString()).code(), "an untouched run resumes");
    }

    /** A kill before settings.json existed (here: a folder created and locked, then left) is removed by the next --resume, with a message. */
    @Test
    void aRunKilledBeforeItsSettingsIsRemovedByResumeAndRestartable() throws IOException {
        Path runDir = dir.resolve("killed");
        RunFolder.forNewRun(runDir, false).close();
        assertTrue(Files.isDirectory(runDir));
        assertRefused(run("train", "--resume", runDir.toString()), "cannot resume: the run in " + runDir + " was stopped before it wrote"
                + " settings.json (killed or interrupted while its data loaded), so there is nothing to resume; its empty folder was removed:"
                + " start the run again without --resume");
        assertFalse(Files.exists(runDir));
        RunFolder.forNewRun(runDir, false).close();
        assertEquals(0, run(quickRun(runDir)).code(), "a new run starts in such a folder without --overwrite");
    }

    /**
     * A run resumed after its data file's labels changed (cat → kitten: the classes become dog → 0, kitten → 1)
     * is refused before it trains the saved weights towards other targets; with the file as it was, it resumes.
     */
    @Test
    void aRunWhoseDataChangedItsClassesIsNotResumed() throws IOException {
        StringBuilder rows = new StringBuilder("a,b,kind\n");
        for (int i = 0; i < 60; i++) {
            rows.append(i % 7).append(',').append(i % 5).append(',').append(i % 2 == 0 ? "cat" : "dog").append('\n');
        }
        Path data = Files.writeString(dir.resolve("pets.csv"), rows.toString());
        Path runDir = dir.resolve("pets");
        assertEquals(0, run("train", "--data", data.toString(), "--epochs", "3", "--stop-after", "1", "--hidden", "4",
                "--out", runDir.toString()).code());
        Files.writeString(data, rows.toString().replace(",cat\n", ",kitten\n"));
        Result changed = run("train", "--resume", runDir.toString());
        assertEquals(ExitCode.DATA.code, changed.code(), changed.err());
        assertTrue(changed.err().contains("cannot resume: the data's outputs are [dog, kitten] now, and the run in " + runDir
                + " began with [cat, dog] (its data changed since)"), changed.err());
        Files.writeString(data, rows.toString());
        assertEquals(0, run("train", "--resume", runDir.toString()).code(), "the same data resumes");
    }

    /** --resume of a folder no run wrote (empty, or the user's) is refused, and the folder is left as it was: not removed, no lock file left. */
    @Test
    void resumingAFolderNoRunWroteLeavesItAsItWas() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("mine"));
        assertRefused(run("train", "--resume", empty.toString()), "cannot resume: " + empty + " holds no run (no settings.json); give the"
                + " folder a training run wrote (its --out)");
        assertTrue(Files.isDirectory(empty), "the user's empty folder stays");
        try (java.util.stream.Stream<Path> files = Files.list(empty)) {
            assertEquals(0, files.count(), "no lock file left behind");
        }
        Path file = Files.writeString(dir.resolve("data.csv"), "1,2\n");
        assertRefused(run("train", "--resume", file.toString()), "cannot resume: " + file + " is a file, not a run folder");
    }

    @Test
    void noCommandWritesOverTheFileItReads() throws IOException {
        Path runDir = dir.resolve("run");
        assertEquals(0, run(quickRun(runDir)).code());
        Path model = runDir.resolve(TrainCommand.MODEL);
        byte[] before = Files.readAllBytes(model);
        Path rows = dir.resolve("rows.csv");
        Files.writeString(rows, "0".repeat(1) + ",0".repeat(63) + "\n");
        assertRefused(run("predict", "--model", runDir.toString(), "--input", rows.toString(), "--output", model.toString()),
                "--output " + model + " is the file --model reads: writing it would replace the input; give another file");
        assertRefused(run("predict", "--model", model.toString(), "--input", rows.toString(), "--output", rows.toString()),
                "--output " + rows + " is the file --data reads");
        assertRefused(run("export", "--model", model.toString(), "--out", runDir.resolve(".").resolve(TrainCommand.MODEL).toString()),
                "--out " + runDir.resolve(".").resolve(TrainCommand.MODEL) + " is the file --model reads");
        assertRefused(run("export", "--model", runDir.toString(), "--out", model.toString()),
                "--out " + model + " is the file --model reads"); // --model naming the run folder that holds it
        assertArrayEquals(before, Files.readAllBytes(model));
        assertEquals("0" + ",0".repeat(63) + "\n", Files.readString(rows));
    }
}
