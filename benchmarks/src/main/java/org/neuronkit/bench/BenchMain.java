package org.neuronkit.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs JMH with its usual command line, then prints one table of what the numbers mean: samples/s,
 * GFLOP/s and the share of the raw-GEMM ceiling measured in the same run, NeuronKit's speed relative
 * to Deeplearning4j, and the allocation counters of {@code -prof gc} and {@link NativeMemoryProfiler}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args)
            throws RunnerException, CommandLineOptionException, IOException, InterruptedException {
        Rounds rounds = Rounds.fromArguments(args);
        CommandLineOptions options = new CommandLineOptions(rounds.jmhArguments());
        PlainJvm plain = rounds.plainJvm() ? PlainJvm.create() : null;
        if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
                || options.shouldListProfilers() || options.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(rounds.jmhArguments());
            return;
        }
        waitForOtherJmhRuns();
        if (rounds.count() == 1) {
            List<Row> rows = run(options);
            if (plain != null) {
                rows.addAll(plain.run(options));
            }
            System.out.println();
            System.out.print(table(rows));
            return;
        }
        List<List<Row>> byRound = new ArrayList<>();
        for (int round = 1; round <= rounds.count(); round++) {
            List<Row> rows = new ArrayList<>();
            for (String workload : rounds.workloads(options)) {
                Options one = new OptionsBuilder().parent(options).param("workload", workload).build();
                rows.addAll(run(one));
                if (plain != null) {
                    rows.addAll(plain.run(one));
                }
            }
            byRound.add(rows);
            System.out.printf("%nRound %d of %d%n", round, rounds.count());
            System.out.print(table(rows));
        }
        System.out.println();
        System.out.print(Rounds.summary(byRound));
    }

    static List<Row> run(Options options) throws RunnerException {
        List<Row> rows = new ArrayList<>();
        for (RunResult result : new Runner(options).run()) {
            rows.add(new Row(result));
        }
        return rows;
    }

    /**
     * On a shared machine another JMH run may hold JMH's lock, and JMH would exit at once; wait for it
     * instead (two runs at the same time would spoil both).
     */
    private static void waitForOtherJmhRuns() throws IOException, InterruptedException {
        Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
        boolean told = false;
        while (true) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.tryLock()) {
                if (lock != null) {
                    return;
                }
            }
            if (!told) {
                System.err.println("waiting for another JMH run to finish (" + lockFile + " is locked) ...");
                told = true;
            }
            Thread.sleep(5_000);
        }
    }

    /**
     * One benchmark × parameter combination: mean and best-iteration throughput in ops/s and its work
     * per op. On a shared machine the best iteration is the least disturbed one, so rates, ratios and
     * ceiling shares use it; the mean and its error are shown beside it.
     */
    record Row(String benchmark, String method, String params, double meanOpsPerSecond, double bestOpsPerSecond,
               double errorPct, String rateUnit, double workPerOp, double flopsPerOp, RunResult result) {

        Row(RunResult r) {
            this(r, r.getParams());
        }

        private Row(RunResult r, BenchmarkParams p) {
            this(simpleClass(p.getBenchmark()), methodName(p.getBenchmark()), paramText(p),
                    throughput(r.getPrimaryResult(), false), throughput(r.getPrimaryResult(), true),
                    relativeError(r.getPrimaryResult()),
                    Work.of(p).unit(), Work.of(p).perOp(), Work.of(p).flopsPerOp(), r);
        }

        double rate() {
            return bestOpsPerSecond * workPerOp;
        }

        /** The same row under other parameters (a label such as {@code jvm=plain} added). */
        Row withParams(String newParams) {
            return new Row(benchmark, method, newParams, meanOpsPerSecond, bestOpsPerSecond, errorPct, rateUnit, workPerOp,
                    flopsPerOp, result);
        }

        double meanRate() {
            return meanOpsPerSecond * workPerOp;
        }

        double gflops() {
            return bestOpsPerSecond * flopsPerOp / 1e9;
        }

        /** A profiler's result for this row, if that profiler ran (rows built without a JMH result have none). */
        Optional<Double> secondary(String label) {
            if (result == null) {
                return Optional.empty();
            }
            Result<?> s = result.getSecondaryResults().get(label);
            return s == null ? Optional.empty() : Optional.of(s.getScore());
        }
    }

    /** What one op of a benchmark does, from its class, method and parameters. */
    record Work(String unit, double perOp, double flopsPerOp) {
        static Work of(BenchmarkParams p) {
            String cls = simpleClass(p.getBenchmark());
            String method = methodName(p.getBenchmark());
            String w = p.getParam("workload");
            Workload workload = w == null ? null : Workload.valueOf(w);
            return switch (cls) {
                case "GemmBenchmark", "Bf16KernelBenchmark" -> new Work("GFLOP/s", 1e-9 * flops(workload, method), flops(workload, method));
                case "TrainStepBenchmark" -> new Work("samples/s", workload.batch(), workload.trainStepFlops());
                case "InferenceBenchmark" -> new Work("samples/s", workload.batch(), workload.forwardFlops());
                case "ActivationBenchmark" -> new Work("elements/s", ActivationBenchmark.ELEMENTS, 0);
                case "OptimizerStepBenchmark" -> new Work("parameters/s", OptimizerStepBenchmark.PARAMETERS, 0);
                case "FashionEpochBenchmark" -> new Work("samples/s", FashionEpochBenchmark.TRAIN_SIZE, 0);
                default -> new Work("ops/s", 1, 0);
            };
        }

        private static double flops(Workload workload, String method) {
            return method.equals("forward") ? workload.forwardFlops() : workload.trainStepFlops();
        }
    }

    static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| benchmark | params | best | mean ± % | unit | GFLOP/s | % of gemm | vs dl4j | plain ÷ launcher | CPU ms/op | % of gemm (CPU) | vs dl4j (CPU) | heap B/op | thread heap B/op | native B/op | native bufs/op | native objs/op | peak RSS MB |\n");
        out.append("|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s.%s | %s | %s | %s ± %.0f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    row.benchmark(), row.method(), row.params(), number(row.rate()), number(row.meanRate()),
                    row.errorPct(), row.rateUnit(),
                    row.flopsPerOp() > 0 ? String.format(Locale.ROOT, "%.1f", row.gflops()) : "",
                    ceilingShare(row, rows), ratioToDl4j(row, rows),
                    launcherRatio(row, rows).map(r -> String.format(Locale.ROOT, "%.2f", r)).orElse(""),
                    row.secondary("cpu.norm").map(BenchMain::number).orElse(""), cpuCeilingShare(row, rows),
                    cpuRatioToDl4j(row, rows),
                    row.secondary("gc.alloc.rate.norm").map(BenchMain::number).orElse(""),
                    row.secondary("heap.thread.norm").map(BenchMain::number).orElse(""),
                    row.secondary("native.alloc.norm").map(BenchMain::number).orElse(""),
                    row.secondary("native.buffers.norm").map(v -> String.format(Locale.ROOT, "%.1f", v)).orElse(""),
                    row.secondary("native.objects.norm").map(v -> String.format(Locale.ROOT, "%.1f", v)).orElse(""),
                    row.secondary("rss.peak").map(v -> String.format(Locale.ROOT, "%.0f", v)).orElse("")));
        }
        return out.toString();
    }

    /** Achieved GFLOP/s over the raw GEMM GFLOP/s of the same products, measured in this run. */
    private static String ceilingShare(Row row, List<Row> rows) {
        return ceilingRatio(row, rows).map(r -> String.format(Locale.ROOT, "%.0f%%", 100 * r)).orElse("");
    }

    /** This row's GFLOP/s over those of the raw GEMMs of the same products in {@code rows}, if they ran. */
    static Optional<Double> ceilingRatio(Row row, List<Row> rows) {
        return gemmRow(row, rows).map(g -> row.gflops() / g.gflops());
    }

    /**
     * The same share by CPU time: the raw GEMMs' process CPU time per op over this row's. Other
     * processes on the cores change it far less than they change wall-clock rates.
     */
    private static String cpuCeilingShare(Row row, List<Row> rows) {
        Optional<Double> own = row.secondary("cpu.norm");
        return gemmRow(row, rows)
                .flatMap(g -> g.secondary("cpu.norm"))
                .flatMap(gemm -> own.map(mine -> String.format(Locale.ROOT, "%.0f%%", 100 * gemm / mine)))
                .orElse("");
    }

    /** The GemmBenchmark row doing this row's products on the same workload, if it ran. */
    private static Optional<Row> gemmRow(Row row, List<Row> rows) {
        String gemmMethod = switch (row.benchmark()) {
            case "TrainStepBenchmark" -> "trainStep";
            case "InferenceBenchmark" -> "forward";
            default -> null;
        };
        return rows.stream()
                .filter(g -> g.benchmark().equals("GemmBenchmark") && g.method().equals(gemmMethod)
                        && g.params().equals(workloadOf(row)))
                .findFirst();
    }

    /** The workload parameter of a row (its word without '='), e.g. {@code W1} of {@code input=fresh W1}. */
    private static String workloadOf(Row row) {
        return java.util.Arrays.stream(row.params().split(" ")).filter(word -> !word.contains("=")).findFirst().orElse("");
    }

    /** A plain-JVM row's throughput over the launcher-settings row of the same benchmark and parameters. */
    static Optional<Double> launcherRatio(Row row, List<Row> rows) {
        if (!row.params().endsWith(PlainJvm.LABEL)) {
            return Optional.empty();
        }
        String launcherParams = row.params().substring(0, row.params().length() - PlainJvm.LABEL.length());
        return rows.stream()
                .filter(d -> d.method().equals(row.method()) && d.benchmark().equals(row.benchmark())
                        && d.params().equals(launcherParams))
                .findFirst()
                .map(d -> row.bestOpsPerSecond() / d.bestOpsPerSecond());
    }

    /** This row's throughput over DL4J's on the same benchmark and parameters (above 1: faster). */
    private static String ratioToDl4j(Row row, List<Row> rows) {
        return dl4jRatio(row, rows).map(r -> String.format(Locale.ROOT, "%.2f×", r)).orElse("");
    }

    /** This row's best throughput over DL4J's on the same benchmark and parameters in {@code rows}, if it ran. */
    static Optional<Double> dl4jRatio(Row row, List<Row> rows) {
        return rows.stream()
                .filter(d -> d.method().equals("dl4j") && d.benchmark().equals(row.benchmark())
                        && d.params().equals(row.params()))
                .findFirst()
                .map(d -> row.bestOpsPerSecond() / d.bestOpsPerSecond());
    }

    /** DL4J's process CPU time per op over this row's (above 1: this row needs less CPU per op). */
    private static String cpuRatioToDl4j(Row row, List<Row> rows) {
        Optional<Double> own = row.secondary("cpu.norm");
        return rows.stream()
                .filter(d -> d.method().equals("dl4j") && d.benchmark().equals(row.benchmark())
                        && d.params().equals(row.params()))
                .findFirst()
                .flatMap(d -> d.secondary("cpu.norm"))
                .flatMap(dl4j -> own.map(mine -> String.format(Locale.ROOT, "%.2f×", dl4j / mine)))
                .orElse("");
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%,.0f" : a >= 1 ? "%.2f" : "%.3g", v);
    }

    private static String simpleClass(String benchmark) {
        String cls = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    private static String methodName(String benchmark) {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    private static String paramText(BenchmarkParams p) {
        Collection<String> keys = p.getParamsKeys();
        List<String> parts = new ArrayList<>();
        for (String key : keys) {
            parts.add(key.equals("workload") ? p.getParam(key) : key + "=" + p.getParam(key));
        }
        return String.join(" ", parts);
    }

    /** Mean or best-iteration throughput in ops/s whatever the mode: time units per op are inverted. */
    private static double throughput(Result<?> primary, boolean best) {
        String unit = primary.getScoreUnit();
        String[] parts = unit.split("/");
        boolean rate = parts[0].equals("ops");
        double score = !best ? primary.getScore()
                : rate ? primary.getStatistics().getMax() : primary.getStatistics().getMin();
        if (rate) {
            return score / seconds(parts[1]);
        }
        return 1 / (score * seconds(parts[0]));
    }

    private static double relativeError(Result<?> primary) {
        double error = primary.getScoreError();
        return Double.isNaN(error) ? 0 : 100 * error / primary.getScore();
    }

    private static double seconds(String unit) {
        return switch (unit) {
            case "s" -> 1;
            case "ms" -> 1e-3;
            case "us" -> 1e-6;
            case "ns" -> 1e-9;
            case "min" -> 60;
            default -> throw new IllegalArgumentException("unknown JMH time unit " + unit);
        };
    }
}
