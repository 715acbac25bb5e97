package org.neuronkit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.train.EpochResult;
import org.neuronkit.tune.Dimension;
import org.neuronkit.tune.Objective;
import org.neuronkit.tune.SearchSpace;
import org.neuronkit.tune.Study;
import org.neuronkit.tune.SuccessiveHalving;
import org.neuronkit.tune.Trial;
import org.neuronkit.tune.Tuner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neuronkit tune}: random search with successive halving ({@link Tuner}) over {@code train}'s
 * options. Every option of {@code train}'s model and optimisation groups ({@link ModelOptions},
 * {@link OptimizationOptions}) takes a search space here ({@code --lr log:1e-4..1e-1},
 * {@code --hidden 64,128|256,128}, {@code --dropout 0..0.5}, {@code --optimizer adam|sgd}; see
 * {@link Dimension}); every other {@code train} option (the data, the device) is passed to every trial
 * as given. The options are copied from {@code train}'s own ({@link TrainOptions}), so there is no list
 * of names to keep, and every trial's values, and every choice and a range's ends and middle, are
 * checked by {@code train}'s own parsing before anything trains.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = TuneCommand.TrainOptions.class,
        description = {"Search train's options: random trials, successive halving, each trial a run folder in the study folder.",
                "Give a space for any model or optimisation option of train: log:A..B (log-uniform), A..B (uniform), a|b|c (choices; "
                        + "quote the | for the shell). Other train options (--data …) are the same for every trial."})
final class TuneCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** Options of {@code train} that tune sets itself, per trial or per study. */
    private static final Set<String> OWN = Set.of("--out", "--resume", "--overwrite", "--stop-after", "--epochs", "--seed", "--help",
            "--version");

    @Spec
    CommandSpec spec;

    @Option(names = "--trials", defaultValue = "16", paramLabel = "N", description = "Configurations sampled (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--epochs", defaultValue = "20", paramLabel = "EPOCHS",
            description = "Epochs of the last rung, R: the most any trial trains (default: ${DEFAULT-VALUE}, train's default).")
    int epochs;

    @Option(names = "--min-epochs", paramLabel = "EPOCHS", description = "Epochs of the first rung, r (default: R/η², at least 1).")
    Integer minEpochs;

    @Option(names = "--eta", defaultValue = "3", paramLabel = "ETA",
            description = "η: keep the best 1/η of each rung and train them η times longer (default: ${DEFAULT-VALUE}).")
    int eta;

    @Option(names = "--metric", defaultValue = "loss", paramLabel = "METRIC",
            description = "loss or accuracy: the validation metric trials are ranked by (default: ${DEFAULT-VALUE}: a small validation"
                    + " split's accuracy moves in steps of 1/N and ties).")
    String metric;

    @Option(names = "--parallel", paramLabel = "N", description = "Trials trained at once, on threads (default: the available cores).")
    Integer parallel;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED",
            description = "Seed of the search, and every trial's --seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Study folder (default: studies/<timestamp>).")
    Path out;

    @Option(names = "--resume", paramLabel = "STUDY", description = "Finish the study in STUDY (only --parallel may be given with it).")
    Path resume;

    @Override
    public Integer call() {
        PrintWriter printer = spec.commandLine().getOut();
        Path folder = resume != null ? resume : out != null ? out : Path.of("studies", LocalDateTime.now().format(STAMP));
        Study study = resume != null ? resumed() : newStudy(folder);
        Metric ranking = Metric.of(study.objective().metric());
        printer.printf("study %s: %d trials, rungs %s epochs, %s%n", folder, study.trials().size(), study.halving().rungs(),
                resume != null ? "resuming" : "seed " + seed);
        printer.flush();
        Tuner tuner = new Tuner(folder, study, new TrainTrials(folder, study.fixed(), ranking.column))
                .log(line -> {
                    synchronized (printer) {
                        printer.println(line);
                        printer.flush();
                    }
                });
        int threads = parallel != null ? parallel : Runtime.getRuntime().availableProcessors();
        tuner.parallel(threads);
        shareCores(threads);
        Study done = tuner.run();
        StudyChart.write(done, folder.resolve(StudyChart.FILE));
        Trial best = done.trial(done.best());
        int last = done.halving().maxEpochs();
        printer.printf(Locale.ROOT, "best: %s %s: %s %.4f after %d epochs; its run folder is copied to %s%n", best.folder(),
                values(best), done.objective().metric(), best.score(last), last, folder.resolve(Tuner.BEST));
        return 0;
    }

    /**
     * Gives each of {@code trials} concurrent trials its share of the cores for OpenBLAS (process-wide;
     * as nn-spark's tasks do): with every trial's GEMMs on all the cores, the threads of two trials
     * oversubscribe them and OpenBLAS's waiting workers take the cores from the working ones.
     */
    private static void shareCores(int trials) {
        Nd4j.factory().blas().setMaxThreads(Math.max(1, Runtime.getRuntime().availableProcessors() / trials));
    }

    private static String values(Trial trial) {
        return trial.values().entrySet().stream().map(v -> v.getKey() + " " + v.getValue()).collect(Collectors.joining(" "));
    }

    private Study resumed() {
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (!option.longestName().equals("--resume") && !option.longestName().equals("--parallel")) {
                throw new ConfigurationException("--resume finishes the study with its saved settings; " + option.longestName()
                        + " cannot be given with it (only --parallel)");
            }
        }
        return Study.load(resume);
    }

    private Study newStudy(Path folder) {
        if (Files.exists(folder.resolve(Study.FILE))) {
            throw new ConfigurationException("the folder " + folder + " holds a study; finish it with --resume " + folder
                    + " or choose another --out");
        }
        Map<String, String> space = new LinkedHashMap<>();
        List<String> fixed = new ArrayList<>();
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            String name = option.names()[0];
            if (option.userObject() == TrainOptions.SEARCHED) {
                space.put(name, option.getValue());
            } else if (option.userObject() == TrainOptions.SHARED) {
                fixed.add(name);
                fixed.addAll(option.arity().max() == 0 ? List.of() : option.originalStringValues());
            }
        }
        fixed.addAll(List.of("--seed", String.valueOf(seed)));
        if (!space.containsKey("--patience") && !fixed.contains("--patience")) {
            fixed.addAll(List.of("--patience", String.valueOf(epochs))); // never stops within R epochs, but keeps the best epoch's model
        }
        int r = minEpochs != null ? minEpochs : Math.max(1, (int) Math.round(epochs / (double) (eta * eta)));
        Study study = Study.sample(SearchSpace.parse(space), trials, seed, new SuccessiveHalving(r, epochs, eta),
                Metric.parse(metric).objective, fixed);
        check(SearchSpace.parse(space), study);
        return study;
    }

    /**
     * Parses, as {@code train} would, every trial's options and every dimension's {@linkplain Dimension#coverage
     * coverage} (with the other dimensions at their first value), and builds their {@link TrainSettings}: a
     * value {@code train} refuses fails here, naming the option, before anything trains.
     */
    private static void check(SearchSpace space, Study study) {
        Map<String, String> first = new LinkedHashMap<>();
        space.dimensions().forEach((option, dimension) -> first.put(option, dimension.coverage().get(0)));
        List<Map<String, String>> cases = new ArrayList<>();
        study.trials().forEach(t -> cases.add(t.values()));
        space.dimensions().forEach((option, dimension) -> dimension.coverage().forEach(value -> {
            Map<String, String> values = new LinkedHashMap<>(first);
            values.put(option, value);
            cases.add(values);
        }));
        for (Map<String, String> values : cases) {
            TrainCommand train = new TrainCommand();
            List<String> args = TrainTrials.arguments(study.fixed(), values, study.halving().maxEpochs());
            try {
                new CommandLine(train).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
                TrainSettings.Data data = train.dataOptions.settings();
                if (data.validation() == 0) {
                    throw new ConfigurationException("tune ranks trials on the validation split: --validation must be above 0");
                }
                new TrainSettings(data, train.modelOptions.settings(), train.optimizationOptions.settings());
            } catch (CommandLine.ParameterException | ConfigurationException e) {
                String searched = values.entrySet().stream().filter(v -> space.dimensions().containsKey(v.getKey()))
                        .map(v -> v.getKey() + " " + v.getValue()).collect(Collectors.joining(" "));
                throw new ConfigurationException("train refuses a trial (" + searched + "): " + e.getMessage());
            }
        }
    }

    /** The validation metrics a study can rank by: the objective and its column of {@code metrics.csv}. */
    enum Metric {
        ACCURACY(Objective.validationAccuracy(), EpochResult::validationAccuracy),
        LOSS(Objective.validationLoss(), EpochResult::validationLoss);

        final Objective objective;
        final ToDoubleFunction<EpochResult> column;

        Metric(Objective objective, ToDoubleFunction<EpochResult> column) {
            this.objective = objective;
            this.column = column;
        }

        /** {@code accuracy} or {@code loss}, in any case. */
        static Metric parse(String name) {
            return Stream.of(values()).filter(m -> m.name().equalsIgnoreCase(name.strip())).findFirst().orElseThrow(
                    () -> new ConfigurationException("--metric " + name + ": expected accuracy or loss"));
        }

        /** The metric of a study's objective ({@code validation_accuracy}). */
        static Metric of(String objective) {
            return Stream.of(values()).filter(m -> m.objective.metric().equals(objective)).findFirst().orElseThrow(
                    () -> new ConfigurationException("the study's objective " + objective + " is not one tune knows"));
        }
    }

    /**
     * Adds {@code train}'s options to {@code tune}: those of {@link ModelOptions} and
     * {@link OptimizationOptions} that take a value as search spaces ({@link #SEARCHED}), every other as
     * a shared option with train's arity ({@link #SHARED}); those tune sets itself ({@link #OWN}) are
     * left out. (A description comes back formatted, so its {@code %} are escaped again.)
     */
    static final class TrainOptions implements IModelTransformer {
        static final Object SEARCHED = "searched";
        static final Object SHARED = "shared";

        @Override
        public CommandSpec transform(CommandSpec tune) {
            Set<String> searchable = Stream.of(new ModelOptions(), new OptimizationOptions())
                    .flatMap(group -> CommandSpec.forAnnotatedObject(group).options().stream())
                    .filter(o -> o.arity().max() > 0)
                    .map(OptionSpec::longestName)
                    .collect(Collectors.toSet());
            for (OptionSpec option : CommandSpec.forAnnotatedObject(new TrainCommand()).options()) {
                if (Stream.of(option.names()).anyMatch(OWN::contains)) {
                    continue;
                }
                boolean searched = searchable.contains(option.longestName());
                tune.addOption(OptionSpec.builder(option.names())
                        .arity(option.arity().toString())
                        .type(option.arity().max() == 0 ? boolean.class : String.class)
                        .paramLabel(searched ? "SPACE" : option.paramLabel())
                        .hideParamSyntax(true)
                        .description(Stream.of(option.description()).map(line -> line.replace("%", "%%")).toArray(String[]::new))
                        .defaultValue(searched ? option.defaultValue() : null)
                        .completionCandidates(option.completionCandidates())
                        .userObject(searched ? SEARCHED : SHARED)
                        .build());
            }
            return tune;
        }
    }
}
