package org.neuronkit.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundsTest {

    @Test
    void roundsOptionIsTakenOutOfJmhsCommandLine() {
        Rounds rounds = Rounds.fromArguments(new String[] {"TrainStep", "--rounds", "3", "-f", "1"});
        assertEquals(3, rounds.count());
        assertArrayEquals(new String[] {"TrainStep", "-f", "1"}, rounds.jmhArguments());
    }

    @Test
    void plainJvmOptionIsTakenOutToo() {
        Rounds rounds = Rounds.fromArguments(new String[] {"TrainStep", "--plain-jvm", "--rounds", "2"});
        assertTrue(rounds.plainJvm());
        assertEquals(2, rounds.count());
        assertArrayEquals(new String[] {"TrainStep"}, rounds.jmhArguments());
        assertTrue(!Rounds.fromArguments(new String[] {"TrainStep"}).plainJvm());
    }

    @Test
    void plainRowsAreSetAgainstTheLauncherRowOfTheSameParameters() {
        BenchMain.Row launcher = row("TrainStepBenchmark", "neuronkit", 100, 256, 0).withParams("W1 input=fresh");
        BenchMain.Row other = row("TrainStepBenchmark", "neuronkit", 400, 256, 0).withParams("W1 input=fixed");
        BenchMain.Row plain = row("TrainStepBenchmark", "neuronkit", 90, 256, 0).withParams("W1 input=fresh" + PlainJvm.LABEL);
        List<BenchMain.Row> round = List.of(other, launcher, plain);
        assertEquals(0.9, BenchMain.launcherRatio(plain, round).orElseThrow(), 1e-12);
        assertTrue(BenchMain.launcherRatio(launcher, round).isEmpty());
    }

    @Test
    void withoutTheOptionThereIsOneRoundAndTheArgumentsStay() {
        Rounds rounds = Rounds.fromArguments(new String[] {"Gemm", "-i", "2"});
        assertEquals(1, rounds.count());
        assertArrayEquals(new String[] {"Gemm", "-i", "2"}, rounds.jmhArguments());
    }

    @Test
    void badRoundCountsAreNamed() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Rounds.fromArguments(new String[] {"Gemm", "--rounds"}));
        assertTrue(missing.getMessage().contains("needs a number"), missing.getMessage());
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class,
                () -> Rounds.fromArguments(new String[] {"--rounds", "three"}));
        assertTrue(word.getMessage().contains("'three'"), word.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Rounds.fromArguments(new String[] {"--rounds", "0"}));
        assertTrue(zero.getMessage().contains("at least 1, got 0"), zero.getMessage());
    }

    @Test
    void workloadsComeFromTheParameterOrAreAll() throws Exception {
        Rounds rounds = Rounds.fromArguments(new String[] {"--rounds", "2"});
        assertEquals(List.of("W1", "W2", "W3"), rounds.workloads(new CommandLineOptions()));
        assertEquals(List.of("W2", "W1"), rounds.workloads(new CommandLineOptions("-p", "workload=W2,W1")));
    }

    @Test
    void summaryTakesEachRatioWithinItsRoundThenTheMedian() {
        double flops = Workload.W1.trainStepFlops();
        List<BenchMain.Row> first = List.of(
                row("GemmBenchmark", "trainStep", 60, 1e-9 * flops, flops),
                row("TrainStepBenchmark", "dl4j", 30, 256, flops),
                row("TrainStepBenchmark", "neuronkit", 55, 256, flops));
        List<BenchMain.Row> second = List.of(
                row("GemmBenchmark", "trainStep", 70, 1e-9 * flops, flops),
                row("TrainStepBenchmark", "dl4j", 28, 256, flops),
                row("TrainStepBenchmark", "neuronkit", 63, 256, flops));
        String summary = Rounds.summary(List.of(first, second));
        // round 1: 55/60 = 91.7 %, 55/30 = 1.83×; round 2: 63/70 = 90.0 %, 63/28 = 2.25×; best 63 × 256
        assertTrue(summary.contains("| TrainStepBenchmark.neuronkit | W1 | 16,128 | samples/s | 91% (90%–92%) | 2.04× (1.83×–2.25×) |"), summary);
        assertTrue(summary.contains("Summary of 2 rounds"), summary);
    }

    private static BenchMain.Row row(String benchmark, String method, double opsPerSecond, double workPerOp, double flopsPerOp) {
        String unit = benchmark.equals("GemmBenchmark") ? "GFLOP/s" : "samples/s";
        return new BenchMain.Row(benchmark, method, "W1", opsPerSecond, opsPerSecond, 0, unit, workPerOp, flopsPerOp, null);
    }

    @Test
    void spreadIsMedianWithRange() {
        assertEquals("2.00× (1.00×–5.00×)", Rounds.spread(List.of(5.0, 1.0, 2.0), 1, "%.2f×"));
        assertEquals("30% (10%–50%)", Rounds.spread(List.of(0.5, 0.1, 0.2, 0.4), 100, "%.0f%%"));
        assertEquals("", Rounds.spread(List.of(), 1, "%.2f"));
    }
}
