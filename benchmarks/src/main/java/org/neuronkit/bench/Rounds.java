package org.neuronkit.bench;

import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Paired measurement on a shared machine: {@code --rounds N} runs the chosen benchmarks N times, one
 * workload at a time, so that a workload's GEMM ceiling, DL4J and NeuronKit forks follow each other
 * within a minute, and reports each ratio as the median over the rounds with its range.
 *
 * <p>Why: on the 2-core development VM the speed of the same code moves between levels (by 20–40 %)
 * over tens of seconds, for raw GEMMs as well, whatever runs inside the process. A ratio of two
 * forks run minutes apart then measures the machine as much as the code; a ratio of neighbouring
 * forks, repeated, measures the code.
 */
final class Rounds {
    static final String OPTION = "--rounds";
    /** Also runs NeuronKit's benchmarks in forks started without the thread variables ({@link PlainJvm}). */
    static final String PLAIN_JVM = "--plain-jvm";

    private final int count;
    private final String[] jmhArguments;
    private final boolean plainJvm;

    private Rounds(int count, String[] jmhArguments, boolean plainJvm) {
        this.count = count;
        this.jmhArguments = jmhArguments;
        this.plainJvm = plainJvm;
    }

    /** Takes {@code --rounds N} (default 1) and {@code --plain-jvm} out of the command line; the rest is JMH's. */
    static Rounds fromArguments(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean plainJvm = rest.remove(PLAIN_JVM);
        int at = rest.indexOf(OPTION);
        if (at < 0) {
            return new Rounds(1, rest.toArray(String[]::new), plainJvm);
        }
        if (at + 1 >= rest.size()) {
            throw new IllegalArgumentException(OPTION + " needs a number of rounds, e.g. " + OPTION + " 3");
        }
        String value = rest.get(at + 1);
        int count;
        try {
            count = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(OPTION + " needs a whole number of rounds, got '" + value + "'", e);
        }
        if (count < 1) {
            throw new IllegalArgumentException(OPTION + " must be at least 1, got " + count);
        }
        rest.subList(at, at + 2).clear();
        return new Rounds(count, rest.toArray(String[]::new), plainJvm);
    }

    boolean plainJvm() {
        return plainJvm;
    }

    int count() {
        return count;
    }

    String[] jmhArguments() {
        return jmhArguments.clone();
    }

    /** The workloads of a round, in order: those given with {@code -p workload=...}, else all. */
    List<String> workloads(CommandLineOptions options) {
        org.openjdk.jmh.util.Optional<Collection<String>> given = options.getParameter("workload");
        if (given.hasValue()) {
            return new ArrayList<>(given.get());
        }
        return Arrays.stream(Workload.values()).map(Enum::name).toList();
    }

    /**
     * One line per benchmark and parameters: the best rate over all rounds, and the share of the
     * GEMM ceiling and the ratio to DL4J as median (min–max) of the per-round values; allocation
     * columns show the largest value of any round.
     */
    static String summary(List<List<BenchMain.Row>> byRound) {
        Map<String, List<BenchMain.Row>> byKey = new LinkedHashMap<>();
        Map<String, List<Double>> ceiling = new LinkedHashMap<>();
        Map<String, List<Double>> dl4j = new LinkedHashMap<>();
        Map<String, List<Double>> launcher = new LinkedHashMap<>();
        for (List<BenchMain.Row> round : byRound) {
            for (BenchMain.Row row : round) {
                String key = row.benchmark() + "." + row.method() + " | " + row.params();
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
                collect(ceiling, key, row, round, BenchMain::ceilingRatio);
                collect(dl4j, key, row, round, BenchMain::dl4jRatio);
                collect(launcher, key, row, round, BenchMain::launcherRatio);
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Summary of %d rounds: ratios are the median (min–max) of the rounds' own ratios%n%n", byRound.size()));
        out.append("| benchmark | params | best | unit | % of gemm | vs dl4j | plain ÷ launcher | heap B/op (max) | thread heap B/op (max) | native B/op (max) |\n");
        out.append("|---|---|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<BenchMain.Row>> entry : byKey.entrySet()) {
            List<BenchMain.Row> rows = entry.getValue();
            BenchMain.Row best = rows.stream().max((a, b) -> Double.compare(a.rate(), b.rate())).orElseThrow();
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    entry.getKey(), BenchMain.number(best.rate()), best.rateUnit(),
                    spread(ceiling.get(entry.getKey()), 100, "%.0f%%"),
                    spread(dl4j.get(entry.getKey()), 1, "%.2f×"),
                    spread(launcher.get(entry.getKey()), 1, "%.2f"),
                    largest(rows, "gc.alloc.rate.norm"), largest(rows, "heap.thread.norm"), largest(rows, "native.alloc.norm")));
        }
        return out.toString();
    }

    private static void collect(Map<String, List<Double>> into, String key, BenchMain.Row row, List<BenchMain.Row> round,
                                BiFunction<BenchMain.Row, List<BenchMain.Row>, Optional<Double>> ratio) {
        ratio.apply(row, round).ifPresent(r -> into.computeIfAbsent(key, k -> new ArrayList<>()).add(r));
    }

    /** "median (min–max)" of {@code values × scale}, empty when there are none. */
    static String spread(List<Double> values, double scale, String format) {
        if (values == null || values.isEmpty()) {
            return "";
        }
        double[] sorted = values.stream().mapToDouble(v -> v * scale).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", median, sorted[0], sorted[n - 1]);
    }

    private static String largest(List<BenchMain.Row> rows, String label) {
        return rows.stream()
                .map(r -> r.secondary(label))
                .flatMap(Optional::stream)
                .max(Double::compare)
                .map(BenchMain::number)
                .orElse("");
    }
}
