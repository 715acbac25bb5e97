package org.neuronkit.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Tuner} with a made-up runner whose score is a known function of the trial's learning rate and
 * epochs: the rungs' promotions, the study file, resuming a killed study, failed trials, {@code best/}.
 */
class TunerTest {
    private static final SuccessiveHalving HALVING = new SuccessiveHalving(1, 9, 3); // rungs 1, 3, 9

    @TempDir
    Path dir;

    private static Study study() {
        return Study.sample(SearchSpace.parse(Map.of("--lr", "log:1e-4..1e-1", "--hidden", "32|64")), 16, 5, HALVING,
                Objective.validationAccuracy(), List.of("--data", "digits"));
    }

    /** Accuracy peaks at lr = 0.01 and grows with the epochs; the folder gets a model file and the hidden files of a run. */
    private static final class FakeRunner implements TrialRunner {
        final Set<String> trained = ConcurrentHashMap.newKeySet();
        final AtomicInteger calls = new AtomicInteger();
        final int killAfter;

        FakeRunner(int killAfter) {
            this.killAfter = killAfter;
        }

        @Override
        public double train(Trial trial, Path folder, int epochs) {
            if (calls.incrementAndGet() > killAfter) {
                throw new IllegalStateException("killed");
            }
            assertTrue(trained.add(trial.folder() + "@" + epochs), "trained twice: " + trial.folder() + " to " + epochs);
            try {
                Files.createDirectories(folder);
                Files.writeString(folder.resolve("model.safetensors"), trial.folder() + " " + epochs);
                Files.writeString(folder.resolve(".neuronkit.lock"), "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return score(trial, epochs);
        }

        static double score(Trial trial, int epochs) {
            double distance = Math.abs(Math.log10(Double.parseDouble(trial.values().get("--lr"))) + 2);
            return 1 - distance / 10 - 0.1 / epochs;
        }
    }

    /** The promotions computed by hand from the runner's scores: the best ⌊n/3⌋ by score. */
    private static List<Integer> best(Study study, List<Integer> ids, int epochs, int keep) {
        return ids.stream().sorted((a, b) -> Double.compare(FakeRunner.score(study.trial(b), epochs), FakeRunner.score(study.trial(a), epochs)))
                .limit(keep).toList();
    }

    @Test
    void eachRungPromotesTheBestThirdAndTheBestTrialIsCopied() throws Exception {
        Study start = study();
        FakeRunner runner = new FakeRunner(Integer.MAX_VALUE);
        Study done = new Tuner(dir, start, runner).parallel(3).run();

        List<Integer> all = start.trials().stream().map(Trial::id).toList();
        List<Integer> second = best(start, all, 1, 5);
        List<Integer> third = best(start, second, 3, 1);
        assertEquals(List.of(new Study.Rung(1, all, second), new Study.Rung(3, second, third), new Study.Rung(9, third, List.of())),
                done.rungs());
        assertEquals(third.get(0), done.best());
        assertEquals(16 + 5 + 1, runner.calls.get());
        assertEquals(done, Study.load(dir), "the study file holds the finished study");

        Path best = dir.resolve(Tuner.BEST);
        assertEquals(done.trial(done.best()).folder() + " 9", Files.readString(best.resolve("model.safetensors")));
        try (Stream<Path> files = Files.list(best)) {
            assertEquals(List.of("model.safetensors"), files.map(f -> f.getFileName().toString()).toList(), "hidden files stay behind");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith(".")), "no temporary folder is left");
        }
    }

    @Test
    void theParallelismDoesNotChangeTheDecisions() {
        Study one = new Tuner(dir.resolve("one"), study(), new FakeRunner(Integer.MAX_VALUE)).parallel(1).run();
        Study four = new Tuner(dir.resolve("four"), study(), new FakeRunner(Integer.MAX_VALUE)).parallel(4).run();
        assertEquals(one, four);
    }

    @Test
    void aKilledStudyResumesWithoutRepeatingAResult() {
        Study uninterrupted = new Tuner(dir.resolve("straight"), study(), new FakeRunner(Integer.MAX_VALUE)).run();

        Path killed = dir.resolve("killed");
        FakeRunner first = new FakeRunner(18); // dies in the second rung
        assertEquals("killed", assertThrows(IllegalStateException.class, () -> new Tuner(killed, study(), first).parallel(1).run()).getMessage());
        Study saved = Study.load(killed);
        long scored = saved.trials().stream().mapToLong(t -> t.scores().size()).sum();
        assertEquals(18, scored, "every result before the kill is in the study file");
        assertNull(saved.best());
        assertFalse(Files.exists(killed.resolve(Tuner.BEST)));

        FakeRunner second = new FakeRunner(Integer.MAX_VALUE);
        second.trained.addAll(first.trained); // a result the first run recorded must not be trained again
        Study resumed = new Tuner(killed, saved, second).run();
        assertEquals(16 + 5 + 1 - 18, second.calls.get());
        assertEquals(uninterrupted, resumed);
        assertTrue(Files.isDirectory(killed.resolve(Tuner.BEST)));
    }

    @Test
    void aFailedTrialIsRecordedAndLeftBehind() {
        FakeRunner runner = new FakeRunner(Integer.MAX_VALUE);
        TrialRunner failing = (trial, folder, epochs) -> {
            if (trial.id() % 2 == 0) {
                throw new TrialRunner.TrialFailedException("diverged");
            }
            return runner.train(trial, folder, epochs);
        };
        Study done = new Tuner(dir, study(), failing).run();
        assertEquals(8, done.trials().stream().filter(t -> "diverged".equals(t.failure())).count());
        assertTrue(done.rungs().stream().flatMap(r -> r.promoted().stream()).allMatch(id -> id % 2 == 1),
                done.rungs().stream().map(Study.Rung::promoted).collect(Collectors.toList()).toString());
    }
}
