package org.neuronkit.bench;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.neuronkit.backend.Bf16Gemm;
import org.neuronkit.backend.CpuFeatures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The ceiling of bf16 training on this CPU: the products of one training step of a workload (the shapes
 * of {@link GemmBenchmark#trainStep}: forward {@code Z = A Wᵀ}, {@code dW = Δᵀ A}, {@code dA = Δ W}) as
 * oneDNN bf16 matmuls (the library and kernel {@code Trainer.precision(Precision.BF16)} uses) whose
 * factors were rounded to bf16 and laid out as the kernel wants once, at setup, so only the kernels
 * run ({@code kernels}): what mixed precision could reach if rounding and packing cost nothing.
 * {@code asTrained} runs the same products on fp32 arrays through the {@link Bf16Gemm} training uses,
 * which rounds each array once per step (as a layer rounds X, W and δ) and runs every product on those copies. Read both against {@code GemmBenchmark.trainStep} (fp32,
 * OpenBLAS) in the same run; {@link BenchMain} reports GFLOP/s. The fork fails at setup on a CPU
 * without {@code avx512_bf16}/{@code amx_bf16}.
 */
@State(Scope.Thread)
public class Bf16KernelBenchmark {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Param({"W1", "W2"})
    public Workload workload;

    private engine cpu;
    private stream stream;
    private final List<matmul> products = new ArrayList<>();
    private final List<IntMemoryMap> arguments = new ArrayList<>();
    private int ompThreads;
    private Bf16Gemm asTrained;
    /** Each array's bf16 copy, kept across steps, and those already rounded in this step. */
    private final Map<INDArray, Bf16Gemm.Rounded> kept = new IdentityHashMap<>();
    private final Map<INDArray, Bf16Gemm.Rounded> rounded = new IdentityHashMap<>();
    private final GemmBenchmark fp32Arrays = new GemmBenchmark();

    @Setup
    public void build() {
        CpuFeatures.probe().bf16Missing().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        cpu = new engine(engine.kind.cpu, 0);
        stream = new stream(cpu);
        int n = workload.batch();
        int[] m = workload.sizes();
        for (int l = 1; l < m.length; l++) {
            add(n, m[l - 1], m[l]);                // Z = A Wᵀ: n × in by in × out
            add(m[l], n, m[l - 1]);                // dW = Δᵀ A: out × n by n × in
            if (l > 1) {
                add(n, m[l], m[l - 1]);            // dA = Δ W: n × out by out × in
            }
        }
        asTrained = Bf16Gemm.find();
        if (asTrained == null) {
            throw new IllegalStateException("no backend on the classpath provides bf16 products");
        }
        fp32Arrays.workload = workload;
        fp32Arrays.allocate();
        ompThreads = NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(CORES);
    }

    /** One product C (rows × columns, fp32) = A (rows × depth) B (depth × columns), A and B in bf16, filled once. */
    private void add(long rows, long depth, long columns) {
        memory.desc aAny = new memory.desc(new LongPointer(rows, depth), memory.data_type.bf16, memory.format_tag.any);
        memory.desc bAny = new memory.desc(new LongPointer(depth, columns), memory.data_type.bf16, memory.format_tag.any);
        memory.desc cPlain = new memory.desc(new LongPointer(rows, columns), memory.data_type.f32, memory.format_tag.ab);
        matmul.primitive_desc pd = new matmul.primitive_desc(new matmul.desc(aAny, bAny, cPlain), cpu);
        memory a = new memory(pd.src_desc(), cpu);
        memory b = new memory(pd.weights_desc(), cpu);
        memory c = new memory(cPlain, cpu);
        fill(a, rows, depth);
        fill(b, depth, columns);
        IntMemoryMap args = new IntMemoryMap();
        args.put(dnnl.DNNL_ARG_SRC, a);
        args.put(dnnl.DNNL_ARG_WEIGHTS, b);
        args.put(dnnl.DNNL_ARG_DST, c);
        products.add(new matmul(pd));
        arguments.add(args);
    }

    /** Uniform [−1, 1) values rounded into {@code target} (bf16, the kernel's layout) by one reorder. */
    private void fill(memory target, long rows, long columns) {
        memory plain = new memory(new memory.desc(new LongPointer(rows, columns), memory.data_type.f32, memory.format_tag.ab), cpu);
        FloatPointer values = new FloatPointer(plain.get_data_handle()).capacity(rows * columns);
        Random random = new Random(rows * 31 + columns);
        for (long i = 0; i < rows * columns; i++) {
            values.put(i, 2 * random.nextFloat() - 1);
        }
        new reorder(plain, target).execute(stream, plain, target);
        stream._wait();
    }

    @Benchmark
    public int kernels() {
        for (int i = 0; i < products.size(); i++) {
            products.get(i).execute(stream, arguments.get(i));
        }
        stream._wait();
        return products.size();
    }

    @Benchmark
    public int asTrained() {
        long mark = NativeAllocations.mark();
        rounded.clear();
        fp32Arrays.eachTrainStepProduct((a, transposeA, b, transposeB, c) ->
                asTrained.gemm(roundOnce(a), transposeA, roundOnce(b), transposeB, c));
        NativeAllocations.since(mark);
        return products.size();
    }

    /** x's bf16 copy: rounded on its first product of the step, as a layer rounds X, W and δ once each. */
    private Bf16Gemm.Rounded roundOnce(INDArray x) {
        Bf16Gemm.Rounded copy = rounded.get(x);
        if (copy == null) {
            copy = asTrained.round(x, kept.get(x));
            kept.put(x, copy);
            rounded.put(x, copy);
        }
        return copy;
    }

    @TearDown
    public void restoreThreads() {
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(ompThreads);
    }
}
