package org.neuronkit.tune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.neuronkit.FileWriteException;
import org.neuronkit.NeuronKitException;

/**
 * Runs a {@link Study}: random search over a {@link SearchSpace} with {@link SuccessiveHalving}. At each
 * rung it trains the rung's trials that have no score there yet, {@code parallel} at a time on a pool
 * of threads, each through the {@link TrialRunner}, records every score in the study file as it comes,
 * and promotes the best ⌊n/η⌋ to the next rung. After the last rung it copies the best trial's folder
 * to {@code STUDY/best/} (into a temporary folder first, then renamed).
 *
 * <pre>{@code
 * Study study = Study.sample(SearchSpace.parse(Map.of("--lr", "log:1e-4..1e-1")), 16, 42,
 *         new SuccessiveHalving(2, 20, 3), Objective.validationAccuracy(), List.of());
 * Study done = new Tuner(Path.of("studies/lr"), study, runner).parallel(2).run();
 * }</pre>
 *
 * A killed study resumes with {@code new Tuner(folder, Study.load(folder), runner).run()}: the rungs'
 * decisions are made again from the recorded scores (the same scores give the same decisions), and only
 * the trials without a score at their rung are trained, from what their folders hold.
 */
public final class Tuner {
    /** The folder, inside the study folder, that holds a copy of the best trial's run folder. */
    public static final String BEST = "best";
    private final Path folder;
    private final TrialRunner runner;
    private Study study;
    private int parallel = Math.max(1, Runtime.getRuntime().availableProcessors());
    private Consumer<String> log = line -> { };

    /** A tuner that runs {@code study} in {@code folder} (created if missing) with {@code runner}. */
    public Tuner(Path folder, Study study, TrialRunner runner) {
        this.folder = folder;
        this.study = study;
        this.runner = runner;
    }

    /** Trains at most {@code n} trials at once (default: the available processors). */
    public Tuner parallel(int n) {
        if (n < 1) {
            throw new org.neuronkit.ConfigurationException("--parallel must be at least 1, got " + n);
        }
        this.parallel = n;
        return this;
    }

    /** Receives one line per trial result and per rung decision. */
    public Tuner log(Consumer<String> lines) {
        this.log = lines;
        return this;
    }

    /** The study as it stands. */
    public synchronized Study study() {
        return study;
    }

    /**
     * Runs every rung, copies the best trial to {@code best/} and returns the finished study.
     *
     * @throws NeuronKitException when every trial of a rung failed, or the study file or the copy cannot be written
     */
    public Study run() {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new FileWriteException("cannot create the study folder " + folder + ": " + e, e);
        }
        study.save(folder);
        List<Integer> rungEpochs = study.halving().rungs();
        List<Study.Rung> decided = new ArrayList<>();
        List<Integer> active = study.trials().stream().map(Trial::id).toList();
        Integer best = null;
        for (int k = 0; k < rungEpochs.size(); k++) {
            int epochs = rungEpochs.get(k);
            trainAll(active.stream().filter(id -> study().trial(id).score(epochs) == null).toList(), epochs);
            Map<Integer, Double> scores = new LinkedHashMap<>();
            active.forEach(id -> scores.put(id, study().trial(id).score(epochs)));
            boolean last = k == rungEpochs.size() - 1;
            List<Integer> promoted = study.halving().promote(scores, study.objective().higherIsBetter());
            if (promoted.isEmpty()) {
                throw new NeuronKitException("every trial at rung " + (k + 1) + " (" + epochs + " epochs) failed; the first: "
                        + study().trial(active.get(0)).failure());
            }
            decided.add(new Study.Rung(epochs, active, last ? List.of() : promoted));
            best = last ? promoted.get(0) : null;
            log.accept(String.format("rung %d (%d epochs): %s", k + 1, epochs, last ? "best trial " + study().trial(best).folder()
                    : "promoted " + promoted.stream().map(id -> study().trial(id).folder()).collect(Collectors.joining(", "))));
            synchronized (this) {
                study = study.decided(decided, best);
                study.save(folder);
            }
            active = promoted;
        }
        copyBest(folder.resolve(study.trial(best).folder()));
        return study;
    }

    /** Trains {@code ids} to {@code epochs} on the pool; a trial's own failure is recorded, any other stops the study. */
    private void trainAll(List<Integer> ids, int epochs) {
        if (ids.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, ids.size()), runnable -> {
            Thread thread = new Thread(runnable, "neuronkit-trial");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int id : ids) {
                running.add(pool.submit(() -> trainOne(study().trial(id), epochs)));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NeuronKitException("the study was interrupted; resume it with --resume " + folder);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new NeuronKitException("a trial failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void trainOne(Trial trial, int epochs) {
        Trial result;
        try {
            result = trial.withScore(epochs, runner.train(trial, folder.resolve(trial.folder()), epochs));
        } catch (TrialRunner.TrialFailedException e) {
            result = trial.failed(e.getMessage());
        }
        synchronized (this) {
            study = study.with(result);
            study.save(folder);
        }
        log.accept(String.format("%s %s, %d epochs: %s", trial.folder(), trial.values().entrySet().stream()
                .map(v -> v.getKey() + " " + v.getValue()).collect(Collectors.joining(" ")), epochs,
                result.failure() != null ? "failed: " + result.failure()
                        : String.format(java.util.Locale.ROOT, "%s %.4f", study.objective().metric(), result.score(epochs))));
    }

    /**
     * Copies the run folder {@code trial} (without its hidden files: lock, marker, temporaries) to
     * {@code best/}: into a temporary folder, then renamed; an older {@code best/} is renamed aside first
     * and removed after.
     */
    private void copyBest(Path trial) {
        Path temporary = folder.resolve("." + BEST + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        Path target = folder.resolve(BEST);
        Path old = folder.resolve("." + BEST + ".old");
        try {
            removeTree(old);
            Files.createDirectory(temporary);
            try (Stream<Path> files = Files.list(trial)) {
                for (Path file : files.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith(".")).toList()) {
                    Files.copy(file, temporary.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            if (Files.exists(target)) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            removeTree(old);
        } catch (IOException e) {
            throw new FileWriteException("cannot copy the best trial " + trial + " to " + target + ": " + e, e);
        } finally {
            try {
                removeTree(temporary);
            } catch (IOException ignored) {
                // the failure that ended the copy is the one to report
            }
        }
    }

    private static void removeTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
