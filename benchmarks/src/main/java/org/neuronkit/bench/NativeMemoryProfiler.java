package org.neuronkit.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import com.sun.management.OperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * JMH profiler ({@code -prof org.neuronkit.bench.NativeMemoryProfiler}) for what the GC profiler
 * cannot see: ND4J's off-heap allocations per operation ({@link NativeAllocations}), the process's
 * peak resident set size ({@code VmHWM} in /proc/self/status) and the CPU time the whole process
 * (all its threads: OpenMP, OpenBLAS, JIT, GC) spends per operation.
 *
 * <p>Results: {@code native.alloc.norm} (bytes of new native data buffers per op),
 * {@code native.buffers.norm} (how many per op), {@code native.objects.norm} (all new native objects
 * per op, op contexts included), {@code heap.thread.norm} (JVM heap bytes per op allocated by the
 * thread running the benchmark, inside the measured region only), {@code cpu.norm} (process CPU ms per op: unlike wall time it barely
 * moves when other processes share the cores, and it counts threads that spin while waiting) and
 * {@code rss.peak} (MB, maximum over the trial).
 */
public class NativeMemoryProfiler implements InternalProfiler {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long[] before;
    private long cpuBefore;

    public NativeMemoryProfiler() {
        NativeAllocations.enabled = true;
    }

    @Override
    public String getDescription() {
        return "ND4J off-heap allocations and process CPU time per op, peak RSS";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = NativeAllocations.totals();
        cpuBefore = OS.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        long cpu = OS.getProcessCpuTime() - cpuBefore;
        long[] after = NativeAllocations.totals();
        double ops = Math.max(1, result.getMetadata().getAllOps());
        return List.of(
                new ScalarResult("native.alloc.norm", (after[2] - before[2]) / ops, "B/op", AggregationPolicy.AVG),
                new ScalarResult("native.buffers.norm", (after[1] - before[1]) / ops, "#/op", AggregationPolicy.AVG),
                new ScalarResult("native.objects.norm", (after[0] - before[0]) / ops, "#/op", AggregationPolicy.AVG),
                new ScalarResult("heap.thread.norm", (after[3] - before[3]) / ops, "B/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.norm", cpu / 1e6 / ops, "ms/op", AggregationPolicy.AVG),
                new ScalarResult("rss.peak", peakRssMegabytes(), "MB", AggregationPolicy.MAX));
    }

    /** VmHWM of this process in MB, or NaN where /proc is not there. */
    static double peakRssMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
