package org.neuronkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.neuronkit.ConfigurationException;
import org.neuronkit.FileWriteException;
import org.neuronkit.NeuronKitException;
import org.neuronkit.train.EpochResult;
import org.neuronkit.tune.Trial;
import org.neuronkit.tune.TrialRunner;
import picocli.CommandLine;

/**
 * The command line's {@link TrialRunner}: trains a trial with the {@code train} command itself, in this
 * JVM, on the {@link org.neuronkit.tune.Tuner}'s thread: {@code train OPTIONS --epochs E --out TRIAL}
 * for a new trial, {@code train --resume TRIAL --epochs E} to extend a promoted one (or finish one a
 * killed study left). Its output goes to {@code STUDY/logs/<trial>.log}; the score is the objective's
 * column of the trial's {@code metrics.csv} at the epoch whose model the run kept ({@code best_epoch}:
 * the last, or with {@code --patience} the one of lowest validation loss).
 *
 * <p>In-process rather than a child {@code java} per trial: starting a JVM and ND4J cost more than
 * training a digits trial (a default {@code train}: about 18 s of 19 s wall time outside its epochs,
 * measured for docs/usage.md), and a rung's trials are many short runs.
 */
final class TrainTrials implements TrialRunner {
    /** The folder of the trials' logs, inside the study folder. */
    static final String LOGS = "logs";
    /** Exit codes that mean this trial's own values failed (refused, bad data, diverged): the study goes on. */
    private static final Set<Integer> TRIAL_FAILURES = Set.of(ExitCode.USAGE.code, ExitCode.CONFIGURATION.code, ExitCode.DATA.code,
            ExitCode.NUMERICAL.code);
    private final Path logs;
    private final List<String> fixed;
    private final ToDoubleFunction<EpochResult> metric;

    /**
     * @param study the study folder (the logs go to its {@value #LOGS} folder)
     * @param fixed the {@code train} options every trial shares
     * @param metric the objective's column of {@code metrics.csv}
     */
    TrainTrials(Path study, List<String> fixed, ToDoubleFunction<EpochResult> metric) {
        this.logs = study.resolve(LOGS);
        this.fixed = List.copyOf(fixed);
        this.metric = metric;
    }

    /** The {@code train} arguments of a new trial: the shared options, then the trial's values. */
    static List<String> arguments(List<String> fixed, java.util.Map<String, String> values, int epochs) {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(fixed);
        values.forEach((option, value) -> args.addAll(List.of(option, value)));
        args.addAll(List.of("--epochs", String.valueOf(epochs)));
        return args;
    }

    @Override
    public double train(Trial trial, Path folder, int epochs) {
        if (finishedAt(folder) == epochs) {
            return score(folder, epochs); // trained by a study killed before it recorded the score
        }
        List<String> args = Files.isRegularFile(folder.resolve(TrainSettings.FILE))
                ? List.of("train", "--resume", folder.toString(), "--epochs", String.valueOf(epochs))
                : concat(arguments(fixed, trial.values(), epochs), "--out", folder.toString(), "--overwrite");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine train = NeuronKitCommand.commandLine();
        train.setOut(new PrintWriter(out, true));
        train.setErr(new PrintWriter(err, true));
        int code = train.execute(args.toArray(String[]::new));
        log(trial, "$ neuronkit " + String.join(" ", args) + "\n" + out + err);
        if (code == 0) {
            return score(folder, epochs);
        }
        String message = err.toString().strip().lines().reduce((a, b) -> b).orElse("exit status " + code);
        if (TRIAL_FAILURES.contains(code)) {
            throw new TrialFailedException(message);
        }
        throw new NeuronKitException(trial.folder() + ": train stopped with exit status " + code + ": " + message);
    }

    private static List<String> concat(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all;
    }

    /** The epochs of the finished run in {@code folder} (one with a report), or 0. */
    private static int finishedAt(Path folder) {
        if (!Files.isRegularFile(folder.resolve(RunFolder.REPORT)) || !Files.isRegularFile(folder.resolve(TrainSettings.FILE))) {
            return 0;
        }
        return TrainSettings.load(folder).optimization().epochs();
    }

    /** The metric at the epoch whose model the run kept: report.json's {@code best_epoch} (the last one without early stopping). */
    private double score(Path folder, int epochs) {
        List<EpochResult> rows = MetricsCsv.read(folder.resolve(MetricsCsv.FILE), epochs);
        if (rows.isEmpty()) {
            throw new ConfigurationException(folder + " holds no metrics after training " + epochs + " epochs");
        }
        int kept = RunSummary.read(folder).report().getOrDefault("best_epoch", (double) rows.size()).intValue();
        return metric.applyAsDouble(rows.stream().filter(r -> r.epoch() == kept).findFirst().orElse(rows.get(rows.size() - 1)));
    }

    private synchronized void log(Trial trial, String text) {
        Path file = logs.resolve(trial.folder() + ".log");
        try {
            Files.createDirectories(logs);
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new FileWriteException("cannot write the trial's log " + file + ": " + e, e);
        }
    }
}
