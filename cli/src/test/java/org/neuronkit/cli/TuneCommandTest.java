package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.cli.TrainCommandTest.Result;
import org.neuronkit.train.EpochResult;
import org.neuronkit.tune.Study;
import org.neuronkit.tune.Trial;
import org.neuronkit.tune.Tuner;

/**
 * {@code neuronkit tune} end to end on 300 digits with tiny budgets: trial folders that are run
 * folders, the study file, {@code best/}, the chart, resuming a study killed after some results,
 * and values {@code train} refuses, named before anything trains.
 */
class TuneCommandTest {
    @TempDir
    Path dir;

    private static String[] tune(Path study, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("tune", "--limit", "300", "--trials", "4", "--epochs", "3", "--min-epochs",
                "1", "--eta", "2", "--lr", "log:1e-3..1e-1", "--hidden", "8|16", "--parallel", "2", "--out", study.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static long commandsIn(Path log) throws Exception {
        return Files.isRegularFile(log) ? Files.readAllLines(log).stream().filter(l -> l.startsWith("$ neuronkit train")).count() : 0;
    }

    @Test
    void aStudyTrainsItsTrialsAsRunFoldersAndCopiesTheBest() throws Exception {
        Path folder = dir.resolve("study");
        Result result = run(tune(folder));
        assertEquals(0, result.code(), result.err());
        Study study = Study.load(folder);
        assertEquals(List.of(2, 3), study.halving().rungs());
        assertEquals(List.of("--limit", "300", "--seed", "42", "--patience", "3"), study.fixed(), "each trial keeps its best epoch");
        assertEquals(4, study.trials().size());
        assertEquals(2, study.rungs().get(0).promoted().size(), "⌊4/2⌋ trials go on");
        for (Trial trial : study.trials()) {
            Path run = folder.resolve(trial.folder());
            TrainSettings settings = TrainSettings.load(run);
            assertEquals(Double.parseDouble(trial.values().get("--lr")), settings.optimization().learningRate());
            assertEquals(List.of(Integer.parseInt(trial.values().get("--hidden"))), settings.model().hidden());
            int epochs = trial.scores().keySet().stream().max(Integer::compare).orElseThrow();
            assertEquals(epochs, settings.optimization().epochs());
            List<EpochResult> rows = MetricsCsv.read(run.resolve(MetricsCsv.FILE), epochs);
            assertEquals(epochs, rows.size(), "a promoted trial is extended, not trained again");
            int kept = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.resolve(RunFolder.REPORT).toFile()).get("best_epoch").asInt();
            assertEquals(rows.stream().mapToDouble(EpochResult::validationLoss).min().orElseThrow(), trial.scores().get(epochs),
                    "the score is metrics.csv's lowest validation loss");
            assertEquals(rows.get(kept - 1).validationLoss(), trial.scores().get(epochs), "at the epoch whose model the run kept");
            assertTrue(Files.isRegularFile(run.resolve(RunFolder.REPORT)));
        }
        Trial best = study.trial(study.best());
        assertEquals(study.rungs().get(1).trials().stream().min((a, b) -> Double.compare(study.trial(a).score(3), study.trial(b).score(3)))
                .orElseThrow(), best.id(), "the lowest validation loss at the last rung");
        assertArrayEquals(Files.readAllBytes(folder.resolve(best.folder()).resolve(TrainCommand.MODEL)),
                Files.readAllBytes(folder.resolve(Tuner.BEST).resolve(TrainCommand.MODEL)));
        assertTrue(Files.size(folder.resolve(StudyChart.FILE)) > 1000);
        assertTrue(result.out().contains("best: " + best.folder()), result.out());

        Result listed = run("runs", "list", folder.toString(), "--format", "csv");
        assertEquals(List.of("best", "trial-00", "trial-01", "trial-02", "trial-03"),
                listed.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList());

        // killed after the first rung: the last rung's results and best/ are lost, the trial folders stay
        Map<Integer, Long> trained = new TreeMap<>();
        for (Trial trial : study.trials()) {
            trained.put(trial.id(), commandsIn(folder.resolve(TrainTrials.LOGS).resolve(trial.folder() + ".log")));
        }
        List<Trial> firstRungOnly = study.trials().stream().map(t -> new Trial(t.id(), t.folder(), t.values(),
                Map.of(2, t.scores().get(2)), null)).toList();
        new Study(study.space(), study.seed(), study.halving(), study.objective(), study.fixed(), firstRungOnly, List.of(), null).save(folder);
        org.neuronkit.io.AtomicFiles.removeLeftovers(folder);
        deleteTree(folder.resolve(Tuner.BEST));
        Result resumed = run("tune", "--resume", folder.toString(), "--parallel", "1");
        assertEquals(0, resumed.code(), resumed.err());
        Study finished = Study.load(folder);
        assertEquals(study.rungs(), finished.rungs());
        assertEquals(study.best(), finished.best());
        for (Trial trial : study.trials()) {
            assertEquals(trained.get(trial.id()), commandsIn(folder.resolve(TrainTrials.LOGS).resolve(trial.folder() + ".log")),
                    trial.folder() + ": a trained rung is read back from its folder, not trained again");
        }
        assertTrue(Files.isRegularFile(folder.resolve(Tuner.BEST).resolve(TrainCommand.MODEL)));
    }

    private static void deleteTree(Path root) throws Exception {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void aValueTrainRefusesIsNamedBeforeAnythingTrains() {
        Path folder = dir.resolve("refused");
        Result unknown = run(tune(folder, "--optimizer", "adam|nosuch"));
        assertEquals(ExitCode.CONFIGURATION.code, unknown.code(), unknown.err());
        assertTrue(unknown.err().startsWith("neuronkit: train refuses a trial (") && unknown.err().contains("--optimizer nosuch")
                && unknown.err().contains("unknown optimizer 'nosuch'"), unknown.err());
        assertFalse(Files.exists(folder.resolve(Study.FILE)), "nothing is written");

        Result badRange = run(tune(folder, "--dropout", "0..abc"));
        assertEquals("neuronkit: --dropout 0..abc: 'abc' is not a finite number", badRange.err().strip());

        Result notAnInt = run(tune(folder, "--batch-size", "8..64"));
        assertEquals(ExitCode.CONFIGURATION.code, notAnInt.code());
        assertTrue(notAnInt.err().matches("(?s)neuronkit: train refuses a trial \\(--batch-size ([0-9.]+) .*\\): Invalid value for option "
                + "'--batch-size': '\\1' is not an int\n"), notAnInt.err());

        Result noValidation = run(tune(folder, "--validation", "0"));
        assertTrue(noValidation.err().endsWith("tune ranks trials on the validation split: --validation must be above 0\n"),
                noValidation.err());
    }

    @Test
    void resumeTakesNoOtherSettings() {
        Result result = run("tune", "--resume", dir.toString(), "--trials", "3");
        assertEquals(ExitCode.CONFIGURATION.code, result.code());
        assertEquals("neuronkit: --resume finishes the study with its saved settings; --trials cannot be given with it (only --parallel)",
                result.err().strip());
        Result missing = run("tune", "--resume", dir.toString());
        assertEquals("neuronkit: cannot resume: " + dir.resolve(Study.FILE) + " does not exist (is " + dir + " a study folder?)",
                missing.err().strip());
    }
}
