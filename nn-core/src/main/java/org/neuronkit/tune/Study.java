package org.neuronkit.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neuronkit.ConfigurationException;
import org.neuronkit.io.AtomicFiles;

/**
 * A study's state, saved as {@value #FILE} in the study folder after every trial's result (atomically,
 * {@link AtomicFiles}): the space, the seed, the halving's rungs, the objective, the options every trial
 * shares, the trials with their values and scores, each rung's trials and promotions, and the best
 * trial. A killed study resumes from it ({@link Tuner}), repeating no result it holds.
 *
 * @param space option → spec, as {@link SearchSpace#parse} takes it
 * @param seed the seed the trials were sampled with
 * @param halving the rungs
 * @param objective what trials are ranked by
 * @param fixed the options every trial shares (the runner's; e.g. {@code --data digits})
 * @param trials every trial, by id
 * @param rungs the rungs decided so far
 * @param best the best trial's id once the last rung is decided, else null
 */
public record Study(Map<String, String> space, long seed, SuccessiveHalving halving, Objective objective, List<String> fixed,
        List<Trial> trials, List<Rung> rungs, Integer best) {
    /** The study file's name in the study folder. */
    public static final String FILE = "study.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Study {
        space = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(space));
        fixed = List.copyOf(fixed);
        trials = List.copyOf(trials);
        rungs = List.copyOf(rungs);
    }

    /**
     * A rung as decided: its epochs, the trials trained to them, and those promoted to the next rung
     * (none at the last).
     */
    public record Rung(int epochs, List<Integer> trials, List<Integer> promoted) {
    }

    /** A new study of {@code count} trials drawn from {@code space} with {@code seed}, in folders {@code trial-00} …. */
    public static Study sample(SearchSpace space, int count, long seed, SuccessiveHalving halving, Objective objective, List<String> fixed) {
        if (count < 1) {
            throw new ConfigurationException("a study needs at least 1 trial, got " + count);
        }
        List<Trial> trials = new ArrayList<>();
        List<Map<String, String>> values = space.sample(count, seed);
        int digits = String.valueOf(count - 1).length();
        for (int i = 0; i < count; i++) {
            trials.add(new Trial(i, String.format("trial-%0" + Math.max(2, digits) + "d", i), values.get(i), Map.of(), null));
        }
        return new Study(space.specs(), seed, halving, objective, fixed, trials, List.of(), null);
    }

    /** Reads {@code folder}'s study file. */
    public static Study load(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("cannot resume: " + file + " does not exist (is " + folder + " a study folder?)");
        }
        try {
            return JSON.readValue(file.toFile(), Study.class);
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException("cannot resume: " + file + " is not a valid study file: " + e.getMessage());
        }
    }

    /** Writes the study file into {@code folder}, atomically. */
    public void save(Path folder) {
        try {
            AtomicFiles.write(folder.resolve(FILE), JSON.writeValueAsBytes(this));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a study is plain data", e);
        }
    }

    /** The trial {@code id}. */
    public Trial trial(int id) {
        return trials.get(id);
    }

    /** The same study with {@code trial} in place of the trial of its id. */
    Study with(Trial trial) {
        List<Trial> changed = new ArrayList<>(trials);
        changed.set(trial.id(), trial);
        return new Study(space, seed, halving, objective, fixed, changed, rungs, best);
    }

    /** The same study with {@code rungs} decided and {@code best} (null until the last rung). */
    Study decided(List<Rung> decided, Integer bestTrial) {
        return new Study(space, seed, halving, objective, fixed, trials, decided, bestTrial);
    }
}
