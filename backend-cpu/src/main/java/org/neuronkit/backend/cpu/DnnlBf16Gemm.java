package org.neuronkit.backend.cpu;

import java.util.HashMap;
import java.util.Map;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.neuronkit.backend.Bf16Gemm;

/**
 * {@link Bf16Gemm} through oneDNN's matmul primitive (JavaCPP's {@code dnnl} preset, built for the
 * JavaCPP that ND4J uses): on a CPU with AVX-512 BF16 its {@code brg:avx512_core_bf16} kernel
 * multiplies bf16 pairs with {@code vdpbf16ps} into fp32 sums.
 *
 * <p>Each product runs three primitives: two reorders that round op(A) and op(B) from the fp32 arrays
 * into bf16 scratch buffers, in the layout the matmul kernel wants (so rounding and packing are one
 * pass), then the matmul into C. The fp32 arrays are described to oneDNN by their own strides, so
 * transposes, views and either ordering cost nothing extra. The primitives and scratch buffers are
 * built once per shape and layout ({@link Plan}) and kept; a call re-points the fp32 buffers.
 *
 * <p>oneDNN's OpenMP runtime is libnd4j's (one {@code libgomp} in the process), whose thread count
 * {@link CpuThreadDefaults} sets to 1 for libnd4j's element-wise ops; so each product raises it to
 * every core on the calling thread (for products large enough, {@link Shape#threads}) and puts it back
 * after. It is raised before a plan's primitives are made as well: a oneDNN primitive divides its
 * work among the threads OpenMP offers when it is created, so primitives made at one thread ran on
 * one core (the W1 step's products about 1.7× slower on 2 cores; benchmarks/README.md, "Mixed
 * precision").
 */
public final class DnnlBf16Gemm implements Bf16Gemm {
    /** Plans kept at most; past it (many batch sizes) the cache starts over. */
    private static final int MAX_PLANS = 64;
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** Products of at least this many multiply-adds (m·n·k) run on every core ({@link Shape#threads}). */
    private static final long PARALLEL_MACS = 1L << 25;
    private final Map<Shape, Plan> plans = new HashMap<>();
    /** Open {@link #startRun runs} in the process, and OpenBLAS's thread count before the first. */
    private static int openRuns;
    private static int blasThreadsBefore;
    private engine cpu;
    private stream stream;

    @Override
    public boolean isActive() {
        if (!new CpuBackend().isActive()) {
            return false;
        }
        try {
            ensureStarted();
            return true;
        } catch (LinkageError | RuntimeException e) { // the native libraries did not load
            return false;
        }
    }

    @Override
    public String describe() {
        ensureStarted();
        return "oneDNN " + dnnl.DNNL_VERSION_MAJOR + "." + dnnl.DNNL_VERSION_MINOR + "." + dnnl.DNNL_VERSION_PATCH + " matmul, "
                + isaName(dnnl.dnnl_get_effective_cpu_isa());
    }

    private static String isaName(int isa) {
        return isa == dnnl.dnnl_cpu_isa_avx512_core_bf16 ? "avx512_core_bf16"
                : isa == dnnl.dnnl_cpu_isa_avx512_core_amx ? "avx512_core_amx" : "cpu isa " + Integer.toHexString(isa);
    }

    @Override
    public synchronized void gemm(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c) {
        ensureStarted();
        Shape shape = Shape.of(a, transposeA, b, transposeB, c);
        NativeOps omp = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int threads = omp.ompGetMaxThreads();
        // before the plan is made too: a primitive splits its work for the threads there are when it is created
        omp.setOmpNumThreads(shape.threads());
        try {
            Plan plan = plans.get(shape);
            if (plan == null) {
                if (plans.size() == MAX_PLANS) {
                    plans.values().forEach(Plan::close);
                    plans.clear();
                }
                plan = new Plan(shape, cpu);
                plans.put(shape, plan);
            }
            plan.run(stream, a, b, c);
        } finally {
            omp.setOmpNumThreads(threads);
        }
    }

    /**
     * OpenBLAS runs on the calling thread alone while any run is open. In bf16 training OpenBLAS only
     * does the small products and vector operations around the bf16 ones (db = 1ᵀΔ, the optimizer's
     * axpy), but each of them woke its worker threads, which then spin for a while waiting for more
     * work, on the cores oneDNN's threads need: the W1 step's bf16 products ran about 1.7× slower for
     * it (benchmarks/README.md, "Mixed precision"). The last run to close puts the count back.
     */
    @Override
    public Run startRun() {
        synchronized (DnnlBf16Gemm.class) {
            if (openRuns++ == 0) {
                blasThreadsBefore = Nd4j.factory().blas().getMaxThreads();
                Nd4j.factory().blas().setMaxThreads(1);
            }
        }
        return new Run() {
            private boolean closed;

            @Override
            public void close() {
                synchronized (DnnlBf16Gemm.class) {
                    if (!closed) {
                        closed = true;
                        if (--openRuns == 0) {
                            Nd4j.factory().blas().setMaxThreads(blasThreadsBefore);
                        }
                    }
                }
            }
        };
    }

    private synchronized void ensureStarted() {
        if (cpu == null) {
            cpu = new engine(engine.kind.cpu, 0);
            stream = new stream(cpu);
        }
    }

    /** The shape and layout of one product: op(A) m × k, op(B) k × n, C m × n, each with its element strides. */
    record Shape(long m, long n, long k, long aRowStride, long aColStride, long bRowStride, long bColStride, long cRowStride,
                 long cColStride) {

        /**
         * The OpenMP threads the product runs on: every core from {@link #PARALLEL_MACS} multiply-adds,
         * else one. Waking the idle OpenMP threads (they sleep: OMP_WAIT_POLICY=PASSIVE) for each of a
         * product's three primitives costs more than a small product's arithmetic; a 64-row training
         * step (W2) ran at half the speed on two threads.
         */
        int threads() {
            return m * n * k >= PARALLEL_MACS ? CORES : 1;
        }

        static Shape of(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c) {
            check(a, "A");
            check(b, "B");
            check(c, "C");
            long m = transposeA ? a.columns() : a.rows();
            long k = transposeA ? a.rows() : a.columns();
            long kb = transposeB ? b.columns() : b.rows();
            long n = transposeB ? b.rows() : b.columns();
            if (k != kb || c.rows() != m || c.columns() != n) {
                throw new IllegalArgumentException("bf16 product shapes do not match: op(A) " + m + "×" + k + ", op(B) " + kb + "×" + n
                        + ", C " + c.rows() + "×" + c.columns());
            }
            return new Shape(m, n, k, a.stride(transposeA ? 1 : 0), a.stride(transposeA ? 0 : 1), b.stride(transposeB ? 1 : 0),
                    b.stride(transposeB ? 0 : 1), c.stride(0), c.stride(1));
        }

        private static void check(INDArray x, String name) {
            if (x.rank() != 2 || x.dataType() != DataType.FLOAT) {
                throw new IllegalArgumentException("a bf16 product takes 2-D FLOAT matrices; " + name + " is " + x.dataType() + " of shape "
                        + java.util.Arrays.toString(x.shape()));
            }
        }
    }

    /** The primitives and bf16 scratch of one {@link Shape}. */
    private static final class Plan {
        private final memory aF32;
        private final memory bF32;
        private final memory cF32;
        private final memory aBf16;
        private final memory bBf16;
        private final reorder roundA;
        private final reorder roundB;
        private final matmul product;
        private final IntMemoryMap args = new IntMemoryMap();

        Plan(Shape s, engine cpu) {
            memory.desc aPlain = desc(s.m, s.k, s.aRowStride, s.aColStride);
            memory.desc bPlain = desc(s.k, s.n, s.bRowStride, s.bColStride);
            memory.desc cPlain = desc(s.m, s.n, s.cRowStride, s.cColStride);
            memory.desc aAny = new memory.desc(new LongPointer(s.m, s.k), memory.data_type.bf16, memory.format_tag.any);
            memory.desc bAny = new memory.desc(new LongPointer(s.k, s.n), memory.data_type.bf16, memory.format_tag.any);
            matmul.primitive_desc pd = new matmul.primitive_desc(new matmul.desc(aAny, bAny, cPlain), cpu);
            aF32 = new memory(aPlain, cpu, null);
            bF32 = new memory(bPlain, cpu, null);
            cF32 = new memory(cPlain, cpu, null);
            aBf16 = new memory(pd.src_desc(), cpu);
            bBf16 = new memory(pd.weights_desc(), cpu);
            roundA = new reorder(aF32, aBf16);
            roundB = new reorder(bF32, bBf16);
            product = new matmul(pd);
            args.put(dnnl.DNNL_ARG_SRC, aBf16);
            args.put(dnnl.DNNL_ARG_WEIGHTS, bBf16);
            args.put(dnnl.DNNL_ARG_DST, cF32);
        }

        private static memory.desc desc(long rows, long columns, long rowStride, long columnStride) {
            return new memory.desc(new LongPointer(rows, columns), memory.data_type.f32, new LongPointer(rowStride, columnStride));
        }

        void run(stream stream, INDArray a, INDArray b, INDArray c) {
            aF32.set_data_handle(address(a));
            bF32.set_data_handle(address(b));
            cF32.set_data_handle(address(c));
            roundA.execute(stream, aF32, aBf16);
            roundB.execute(stream, bF32, bBf16);
            product.execute(stream, args);
        }

        /** The array's first element: a view's buffer already starts at the view's offset. */
        private static Pointer address(INDArray x) {
            return x.data().addressPointer();
        }

        void close() {
            for (Pointer p : new Pointer[] {args, product, roundA, roundB, aBf16, bBf16, aF32, bF32, cF32}) {
                p.close();
            }
        }
    }
}
