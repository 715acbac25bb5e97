package org.neuronkit.backend.cpu;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.ShortPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.neuronkit.backend.Bf16Gemm;

/**
 * {@link Bf16Gemm} through oneDNN (JavaCPP's {@code dnnl} preset, built for the JavaCPP that ND4J uses):
 * on a CPU with AVX-512 BF16 its matmul primitive ({@code brg:avx512_core_bf16}) multiplies bf16 pairs
 * with {@code vdpbf16ps} into fp32 sums.
 *
 * <p>A {@link #round rounded copy} is a dense row-major bf16 matrix, written by one reorder primitive
 * that reads the fp32 source in its own layout. A product hands the two copies to the matmul as plain
 * strided bf16 matrices (a transposed factor is the same copy read with swapped strides), so one copy
 * serves every product that reads it; the matmul packs B for its kernel itself. Rounding into plain
 * layouts is a contiguous pass, where a reorder straight into the kernel's blocked layout transposed
 * on the way and cost as much as the product (benchmarks/README.md, "Mixed precision", "One rounding
 * per array"). Reorders and matmuls are built once per shape and layout ({@link RoundingPlan},
 * {@link ProductPlan}) and kept; a call re-points their buffers.
 *
 * <p>oneDNN's OpenMP runtime is libnd4j's (one {@code libgomp} in the process), whose thread count
 * {@link CpuThreadDefaults} sets to 1 for libnd4j's element-wise ops; so each product raises it to
 * every core on the calling thread (for products large enough, {@link #threads}) and puts it back
 * after. It is raised before a plan's primitive is made as well: a oneDNN primitive divides its work
 * among the threads OpenMP offers when it is created, so primitives made at one thread ran on one core
 * (the W1 step's products about 1.7× slower on 2 cores; benchmarks/README.md, "Mixed precision").
 */
public final class DnnlBf16Gemm implements Bf16Gemm {
    /** Plans kept at most; past it (many batch sizes) the cache starts over. */
    private static final int MAX_PLANS = 64;
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** Products of at least this many multiply-adds (m·n·k) run on every core ({@link #threads}). */
    private static final long PARALLEL_MACS = 1L << 25;
    /** Roundings of at least this many values run on every core. */
    private static final long PARALLEL_VALUES = 1L << 19;
    private final Map<RoundingKey, RoundingPlan> roundings = new HashMap<>();
    private final Map<ProductKey, ProductPlan> products = new HashMap<>();
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
    public synchronized Rounded round(INDArray source, Rounded into) {
        ensureStarted();
        check(source, "the matrix to round");
        long rows = source.rows(), columns = source.columns();
        RoundedMatrix copy = into instanceof RoundedMatrix kept && kept.holds(rows * columns) ? kept : newCopy(into, rows * columns);
        copy.shape(rows, columns);
        RoundingKey key = new RoundingKey(rows, columns, source.stride(0), source.stride(1));
        int before = setOmpThreads(threads(rows * columns, PARALLEL_VALUES)); // before a plan is made too
        try {
            cached(roundings, key, RoundingPlan::new).run(stream, source, copy);
        } finally {
            setOmpThreads(before);
        }
        return copy;
    }

    /** {@code copy} as this implementation's own kind of copy; one made elsewhere is refused by name. */
    private static RoundedMatrix own(Rounded copy, String name) {
        if (copy instanceof RoundedMatrix matrix) {
            return matrix;
        }
        throw new IllegalArgumentException("a bf16 product takes copies made by DnnlBf16Gemm.round; " + name + " is "
                + (copy == null ? "null" : copy.getClass().getName()));
    }

    /** A new copy with room for {@code values}, the one it replaces (if any) freed. */
    private static RoundedMatrix newCopy(Rounded replaced, long values) {
        if (replaced != null) {
            replaced.close();
        }
        return new RoundedMatrix(values);
    }

    @Override
    public synchronized void gemm(Rounded a, boolean transposeA, Rounded b, boolean transposeB, INDArray c) {
        ensureStarted();
        check(c, "C");
        RoundedMatrix ra = own(a, "A"), rb = own(b, "B");
        ProductKey key = ProductKey.of(ra, transposeA, rb, transposeB, c);
        int before = setOmpThreads(threads(key.m() * key.n() * key.k(), PARALLEL_MACS)); // before a plan is made too
        try {
            cached(products, key, ProductPlan::new).run(stream, ra, rb, c);
        } finally {
            setOmpThreads(before);
        }
    }

    /**
     * The OpenMP threads a job of {@code work} runs on: every core from {@code parallel} on, else one.
     * Waking the idle OpenMP threads (they sleep: OMP_WAIT_POLICY=PASSIVE) costs more than a small job;
     * a 64-row training step (W2) ran at half the speed on two threads.
     */
    private static int threads(long work, long parallel) {
        return work >= parallel ? CORES : 1;
    }

    /** Sets OpenMP's thread count for this thread's next parallel regions; returns the count before. */
    private static int setOmpThreads(int threads) {
        NativeOps omp = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int before = omp.ompGetMaxThreads();
        omp.setOmpNumThreads(threads);
        return before;
    }

    /** The plan for {@code key}, made and kept on first use; past {@link #MAX_PLANS} (many batch sizes) the cache starts over. */
    private <K, P extends Plan> P cached(Map<K, P> plans, K key, BiFunction<K, engine, P> make) {
        P plan = plans.get(key);
        if (plan == null) {
            if (plans.size() == MAX_PLANS) {
                plans.values().forEach(Plan::close);
                plans.clear();
            }
            plan = make.apply(key, cpu);
            plans.put(key, plan);
        }
        return plan;
    }

    private static void check(INDArray x, String name) {
        if (x.rank() != 2 || x.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("a bf16 product takes 2-D FLOAT matrices; " + name + " is " + x.dataType() + " of shape "
                    + java.util.Arrays.toString(x.shape()));
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

    /** A dense row-major bf16 matrix in memory of its own, with room for {@code capacity} values. */
    private static final class RoundedMatrix implements Rounded {
        private final Pointer values;
        private final long capacity;
        private long rows;
        private long columns;

        RoundedMatrix(long capacity) {
            this.capacity = capacity;
            this.values = new ShortPointer(capacity);
        }

        boolean holds(long count) {
            return !values.isNull() && count <= capacity;
        }

        void shape(long rows, long columns) {
            this.rows = rows;
            this.columns = columns;
        }

        Pointer values() {
            if (values.isNull()) {
                throw new IllegalStateException("this bf16 copy was closed");
            }
            return values;
        }

        @Override
        public long rows() {
            return rows;
        }

        @Override
        public long columns() {
            return columns;
        }

        @Override
        public void close() {
            values.close();
        }
    }

    /** oneDNN primitives and memory descriptions kept for one shape and layout; closing frees them. */
    private interface Plan extends AutoCloseable {
        @Override
        void close();
    }

    /** The shape and fp32 strides of a matrix to round. */
    record RoundingKey(long rows, long columns, long rowStride, long columnStride) {
    }

    /** fp32 (in the source's layout) to dense row-major bf16: one reorder. */
    private static final class RoundingPlan implements Plan {
        private final memory from;
        private final memory to;
        private final reorder rounding;

        RoundingPlan(RoundingKey key, engine cpu) {
            from = new memory(desc(key.rows(), key.columns(), memory.data_type.f32, key.rowStride(), key.columnStride()), cpu, null);
            to = new memory(desc(key.rows(), key.columns(), memory.data_type.bf16, key.columns(), 1), cpu, null);
            rounding = new reorder(from, to);
        }

        void run(stream stream, INDArray source, RoundedMatrix copy) {
            from.set_data_handle(address(source));
            to.set_data_handle(copy.values());
            rounding.execute(stream, from, to);
        }

        @Override
        public void close() {
            for (Pointer p : new Pointer[] {rounding, from, to}) {
                p.close();
            }
        }
    }

    /**
     * One product's shape and layouts: op(A) m × k and op(B) k × n read from dense row-major bf16 copies
     * (a transposed one with swapped strides), C m × n with its own fp32 strides.
     */
    record ProductKey(long m, long n, long k, boolean transposeA, boolean transposeB, long cRowStride, long cColumnStride) {

        static ProductKey of(RoundedMatrix a, boolean transposeA, RoundedMatrix b, boolean transposeB, INDArray c) {
            long m = transposeA ? a.columns() : a.rows();
            long k = transposeA ? a.rows() : a.columns();
            long kb = transposeB ? b.columns() : b.rows();
            long n = transposeB ? b.rows() : b.columns();
            if (k != kb || c.rows() != m || c.columns() != n) {
                throw new IllegalArgumentException("bf16 product shapes do not match: op(A) " + m + "×" + k + ", op(B) " + kb + "×" + n
                        + ", C " + c.rows() + "×" + c.columns());
            }
            return new ProductKey(m, n, k, transposeA, transposeB, c.stride(0), c.stride(1));
        }
    }

    /** The matmul of one {@link ProductKey}, on plain strided bf16 factors. */
    private static final class ProductPlan implements Plan {
        private final memory a;
        private final memory b;
        private final memory c;
        private final matmul product;
        private final IntMemoryMap args = new IntMemoryMap();

        ProductPlan(ProductKey s, engine cpu) {
            // a dense row-major copy of op(X)ᵀ read as op(X): strides (1, rows of op(X))
            memory.desc aDesc = s.transposeA() ? desc(s.m(), s.k(), memory.data_type.bf16, 1, s.m())
                    : desc(s.m(), s.k(), memory.data_type.bf16, s.k(), 1);
            memory.desc bDesc = s.transposeB() ? desc(s.k(), s.n(), memory.data_type.bf16, 1, s.k())
                    : desc(s.k(), s.n(), memory.data_type.bf16, s.n(), 1);
            memory.desc cDesc = desc(s.m(), s.n(), memory.data_type.f32, s.cRowStride(), s.cColumnStride());
            a = new memory(aDesc, cpu, null);
            b = new memory(bDesc, cpu, null);
            c = new memory(cDesc, cpu, null);
            product = new matmul(new matmul.primitive_desc(new matmul.desc(aDesc, bDesc, cDesc), cpu));
            args.put(dnnl.DNNL_ARG_SRC, a);
            args.put(dnnl.DNNL_ARG_WEIGHTS, b);
            args.put(dnnl.DNNL_ARG_DST, c);
        }

        void run(stream stream, RoundedMatrix a, RoundedMatrix b, INDArray c) {
            this.a.set_data_handle(a.values());
            this.b.set_data_handle(b.values());
            this.c.set_data_handle(address(c));
            product.execute(stream, args);
        }

        @Override
        public void close() {
            for (Pointer p : new Pointer[] {args, product, a, b, c}) {
                p.close();
            }
        }
    }

    private static memory.desc desc(long rows, long columns, memory.data_type type, long rowStride, long columnStride) {
        return new memory.desc(new LongPointer(rows, columns), type, new LongPointer(rowStride, columnStride));
    }

    /** The array's first element: a view's buffer already starts at the view's offset. */
    private static Pointer address(INDArray x) {
        return x.data().addressPointer();
    }
}
