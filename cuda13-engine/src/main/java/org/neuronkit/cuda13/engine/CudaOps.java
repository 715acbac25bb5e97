package org.neuronkit.cuda13.engine;

import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_N;
import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_T;
import static org.bytedeco.cuda.global.cublas.cublasCreate_v2;
import static org.bytedeco.cuda.global.cublas.cublasDestroy_v2;
import static org.bytedeco.cuda.global.cublas.cublasSetStream_v2;
import static org.bytedeco.cuda.global.cublas.cublasSetWorkspace_v2;
import static org.bytedeco.cuda.global.cudart.cudaGraphDestroy;
import static org.bytedeco.cuda.global.cudart.cudaGraphExecDestroy;
import static org.bytedeco.cuda.global.cudart.cudaGraphInstantiate;
import static org.bytedeco.cuda.global.cudart.cudaGraphLaunch;
import static org.bytedeco.cuda.global.cudart.cudaStreamBeginCapture;
import static org.bytedeco.cuda.global.cudart.cudaStreamCaptureModeThreadLocal;
import static org.bytedeco.cuda.global.cudart.cudaStreamCreateWithFlags;
import static org.bytedeco.cuda.global.cudart.cudaStreamDestroy;
import static org.bytedeco.cuda.global.cudart.cudaStreamEndCapture;
import static org.bytedeco.cuda.global.cublas.cublasGetVersion_v2;
import static org.bytedeco.cuda.global.cublas.cublasSgemm_v2;
import static org.bytedeco.cuda.global.cudart.cuGetErrorString;
import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;
import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;
import static org.bytedeco.cuda.global.cudart.cudaDeviceSynchronize;
import static org.bytedeco.cuda.global.cudart.cudaDriverGetVersion;
import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceCount;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceProperties;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;
import static org.bytedeco.cuda.global.cudart.cudaMalloc;
import static org.bytedeco.cuda.global.cudart.cudaMemcpy;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToHost;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyHostToDevice;
import static org.bytedeco.cuda.global.cudart.cudaMemset;
import static org.bytedeco.cuda.global.cudart.cudaRuntimeGetVersion;
import static org.bytedeco.cuda.global.cudart.cudaSetDevice;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUgraphExec_st;
import org.bytedeco.cuda.cudart.CUgraph_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.neuronkit.cuda13.api.NoUsableGpuException;

/**
 * {@link Ops} on GPU 0: cuBLAS's sgemm for the GEMMs and the kernels of {@code kernels.ptx}, which the
 * driver compiles for the GPU when the module loads. Everything runs in order on one blocking stream of its own
 * (cuBLAS's too), so that a step can be captured as a CUDA graph ({@link #graphExecutor()}); nothing waits
 * for the device but the copies (cudaMemcpy) and {@link #synchronize()}.
 *
 * <p>{@link #open()} runs {@link CudaPreflight} first and refuses with a {@link NoUsableGpuException}
 * whose message names what is missing.
 */
public final class CudaOps implements Ops {
    private static final int THREADS = 256;
    private static final int MAX_BLOCKS = 4096;

    /** A device address as JavaCPP's Pointer. */
    private static final class Address extends Pointer {
        Address(long address) {
            this.address = address;
        }
    }

    /** A device address as JavaCPP's FloatPointer, for cuBLAS. */
    private static final class DeviceFloats extends FloatPointer {
        DeviceFloats(long address) {
            this.address = address;
        }
    }

    /** Device memory: base address plus 4 × offset. */
    static final class Device extends Buffer {
        final long base;

        Device(long base, long offset, long length) {
            super(offset, length);
            this.base = base;
        }

        long address() {
            return base + 4 * offset();
        }

        @Override
        protected Buffer at(long offset, long length) {
            return new Device(base, offset, length);
        }
    }

    /** A kernel with its launch-argument block, filled argument by argument in the order of its signature. */
    private static final class Launch {
        private final Kernel kernel;
        private final CUfunc_st function;
        private final CUstream_st stream;
        private final BytePointer args;
        private final LongPointer params;
        private int next;

        Launch(Kernel kernel, CUfunc_st function, CUstream_st stream) {
            this.kernel = kernel;
            this.function = function;
            this.stream = stream;
            int n = kernel.signature().length();
            args = new BytePointer(8L * n);
            params = new LongPointer(n);
            for (int i = 0; i < n; i++) {
                params.put(i, args.address() + 8L * i);
            }
        }

        private long slot(char type) {
            if (next >= kernel.signature().length() || kernel.signature().charAt(next) != type) {
                throw new IllegalStateException(kernel.entry() + ": argument " + (next + 1) + " is not of type '" + type + "' ("
                        + kernel.signature() + ")");
            }
            return 8L * next++;
        }

        Launch begin() {
            next = 0;
            return this;
        }

        Launch i(int v) {
            args.putInt(slot('i'), v);
            return this;
        }

        Launch f(float v) {
            args.putFloat(slot('f'), v);
            return this;
        }

        Launch l(long v) {
            args.putLong(slot('l'), v);
            return this;
        }

        Launch p(Buffer b) {
            args.putLong(slot('p'), b == null ? 0L : ((Device) b).address());
            return this;
        }

        void run(long blocks, int threads) {
            if (next != kernel.signature().length()) {
                throw new IllegalStateException(kernel.entry() + ": " + next + " arguments given, " + kernel.signature().length() + " expected");
            }
            checkDriver(cuLaunchKernel(function, (int) Math.max(1, blocks), 1, 1, threads, 1, 1, 0, stream, params, null),
                    "launching " + kernel.entry());
        }
    }

    private final GpuInfo info;
    private final cublasContext blas;
    private final Map<Kernel, Launch> kernels = new EnumMap<>(Kernel.class);
    private final List<Long> allocations = new ArrayList<>();
    private final FloatPointer one = new FloatPointer(1f);
    private final FloatPointer zero = new FloatPointer(0f);
    private final CUstream_st stream = new CUstream_st();
    private final long cublasWorkspace;
    /** cuBLAS's workspace (its documented recommendation for Hopper and later is 32 MiB). */
    private static final long CUBLAS_WORKSPACE_BYTES = 32L << 20;
    /** {@code -Dneuronkit.cuda13.graphs=false}: launch each step's kernels one by one instead of replaying a graph. */
    public static final String GRAPHS_PROPERTY = "neuronkit.cuda13.graphs";

    private CudaOps(GpuInfo info, cublasContext blas, CUmod_st module) {
        this.info = info;
        this.blas = blas;
        // a blocking stream: cudaMemcpy on the legacy default stream still waits for its work, and steps can be captured
        check(cudaStreamCreateWithFlags(stream, 0), "cudaStreamCreateWithFlags");
        checkBlas(cublasSetStream_v2(blas, stream), "cublasSetStream");
        // cuBLAS must not allocate while a step is captured: give it its workspace up front
        cublasWorkspace = ((Device) allocate(CUBLAS_WORKSPACE_BYTES / 4)).address();
        checkBlas(cublasSetWorkspace_v2(blas, new Address(cublasWorkspace), CUBLAS_WORKSPACE_BYTES), "cublasSetWorkspace");
        for (Kernel kernel : Kernel.values()) {
            CUfunc_st function = new CUfunc_st();
            checkDriver(cuModuleGetFunction(function, module, kernel.entry()), "finding kernel " + kernel.entry() + " in " + Kernel.PTX);
            kernels.put(kernel, new Launch(kernel, function, stream));
        }
    }

    /**
     * CUDA graphs of whole steps (stream capture, instantiate, launch), unless {@code -Dneuronkit.cuda13.graphs=false}
     * asks for the steps' kernels to be launched one by one ({@link StepGraphs.Executor#RERUN}).
     */
    @Override
    public StepGraphs.Executor graphExecutor() {
        if ("false".equals(System.getProperty(GRAPHS_PROPERTY))) {
            return StepGraphs.Executor.RERUN;
        }
        return new StepGraphs.Executor() {
            @Override
            public Object capture(Runnable step) {
                check(cudaStreamBeginCapture(stream, cudaStreamCaptureModeThreadLocal), "cudaStreamBeginCapture");
                CUgraph_st graph = new CUgraph_st();
                try {
                    step.run();
                } finally {
                    check(cudaStreamEndCapture(stream, graph), "cudaStreamEndCapture");
                }
                CUgraphExec_st executable = new CUgraphExec_st();
                check(cudaGraphInstantiate(executable, graph, 0L), "cudaGraphInstantiate");
                check(cudaGraphDestroy(graph), "cudaGraphDestroy");
                return executable;
            }

            @Override
            public void launch(Object graph) {
                check(cudaGraphLaunch((CUgraphExec_st) graph, stream), "cudaGraphLaunch");
            }

            @Override
            public void destroy(Object graph) {
                cudaGraphExecDestroy((CUgraphExec_st) graph);
            }
        };
    }

    /**
     * Checks the machine ({@link CudaPreflight}), loads the CUDA libraries it found, and opens GPU 0:
     * cuBLAS handle and the kernels' module. Throws NoUsableGpuException naming what is missing (an
     * IllegalStateException when a CUDA call fails).
     */
    public static CudaOps open() {
        CudaLibraries libraries = CudaLibraries.ofThisMachine();
        List<String> problems = CudaPreflight.fileProblems(libraries, CudaPreflight.PROC_DRIVER_VERSION);
        if (!problems.isEmpty()) {
            throw new NoUsableGpuException(CudaPreflight.message(problems));
        }
        Map<String, Path> found = libraries.locate(CudaLibraries.REQUIRED);
        if (System.getProperty("org.bytedeco.javacpp.platform.preloadpath") == null) {
            System.setProperty("org.bytedeco.javacpp.platform.preloadpath", libraries.directoriesOf(found));
        }
        for (String name : CudaLibraries.REQUIRED) {
            try {
                System.load(found.get(name).toString());
            } catch (UnsatisfiedLinkError e) {
                throw new NoUsableGpuException(CudaPreflight.message(List.of(name + " at " + found.get(name) + " cannot be loaded: " + e.getMessage())), e);
            }
        }
        int[] driver = new int[1];
        int[] runtime = new int[1];
        int[] count = new int[1];
        try {
            cudaDriverGetVersion(driver);
        } catch (LinkageError e) { // UnsatisfiedLinkError, or the presets' static initialiser failing
            throw new NoUsableGpuException(CudaPreflight.message(List.of("JavaCPP's CUDA bindings cannot load: " + e.getMessage())), e);
        }
        cudaRuntimeGetVersion(runtime);
        int status = cudaGetDeviceCount(count);
        if (status != 0) {
            throw new NoUsableGpuException(CudaPreflight.message(List.of("CUDA runtime: cudaGetDeviceCount failed: "
                    + cudaGetErrorString(status).getString() + " (error " + status + "); " + (driver[0] == 0
                    ? CudaLibraries.DRIVER + " at " + found.get(CudaLibraries.DRIVER) + " reports no CUDA version: it is not a working NVIDIA driver"
                    : "the driver supports CUDA " + GpuInfo.cudaVersion(driver[0])))));
        }
        cudaDeviceProp properties = new cudaDeviceProp();
        if (count[0] > 0) {
            check(cudaGetDeviceProperties(properties, 0), "cudaGetDeviceProperties");
        }
        String name = count[0] > 0 ? properties.name().getString() : "none";
        problems = CudaPreflight.deviceProblems(count[0], driver[0], properties.major(), properties.minor(), name);
        if (!problems.isEmpty()) {
            throw new NoUsableGpuException(CudaPreflight.message(problems));
        }
        check(cudaSetDevice(0), "cudaSetDevice(0)");
        check(cudaFree(null), "creating the CUDA context");
        cublasContext blas = new cublasContext();
        checkBlas(cublasCreate_v2(blas), "cublasCreate");
        int[] blasVersion = new int[1];
        checkBlas(cublasGetVersion_v2(blas, blasVersion), "cublasGetVersion");
        CUmod_st module = new CUmod_st();
        checkDriver(cuModuleLoadData(module, new BytePointer(Kernel.ptx())), "loading " + Kernel.PTX + " (the driver compiles it for "
                + name + ")");
        GpuInfo info = new GpuInfo(name, properties.major(), properties.minor(), properties.totalGlobalMem(), properties.multiProcessorCount(),
                count[0], driver[0], runtime[0], blasVersion[0], CudaPreflight.moduleVersion(CudaPreflight.PROC_DRIVER_VERSION),
                found.toString());
        return new CudaOps(info, blas, module);
    }

    public GpuInfo info() {
        return info;
    }

    private static void check(int status, String what) {
        if (status != 0) {
            throw new IllegalStateException("CUDA error in " + what + ": " + cudaGetErrorString(status).getString() + " (" + status + ")");
        }
    }

    private static void checkBlas(int status, String what) {
        if (status != 0) {
            throw new IllegalStateException("cuBLAS error in " + what + ": status " + status);
        }
    }

    private static void checkDriver(int status, String what) {
        if (status != 0) {
            PointerPointer<BytePointer> text = new PointerPointer<>(1);
            cuGetErrorString(status, text);
            Pointer message = text.get(0);
            throw new IllegalStateException("CUDA driver error in " + what + ": " + (message == null || message.isNull() ? "?" : new BytePointer(message).getString())
                    + " (CUresult " + status + ")");
        }
    }

    private Buffer allocate(long n) {
        PointerPointer<Pointer> out = new PointerPointer<>(1);
        check(cudaMalloc(out, Math.max(4, 4 * n)), "cudaMalloc of " + 4 * n + " bytes");
        long address = out.get(0).address();
        allocations.add(address);
        check(cudaMemset(new Address(address), 0, 4 * n), "cudaMemset");
        return new Device(address, 0, n);
    }

    @Override
    public Buffer floats(long n) {
        return allocate(n);
    }

    @Override
    public Buffer ints(long n) {
        return allocate(n);
    }

    private static Address at(Buffer b) {
        return new Address(((Device) b).address());
    }

    // host copies are freed at once (Pointer.close) rather than when the garbage collector finds them

    @Override
    public void upload(float[] source, Buffer target) {
        try (FloatPointer host = new FloatPointer(source)) {
            check(cudaMemcpy(at(target), host, 4L * source.length, cudaMemcpyHostToDevice), "upload");
        }
    }

    @Override
    public void upload(int[] source, Buffer target) {
        try (IntPointer host = new IntPointer(source)) {
            check(cudaMemcpy(at(target), host, 4L * source.length, cudaMemcpyHostToDevice), "upload");
        }
    }

    @Override
    public void download(Buffer source, float[] target) {
        try (FloatPointer host = new FloatPointer(target.length)) {
            check(cudaMemcpy(host, at(source), 4L * target.length, cudaMemcpyDeviceToHost), "download");
            host.get(target);
        }
    }

    @Override
    public void download(Buffer source, int[] target) {
        try (IntPointer host = new IntPointer(target.length)) {
            check(cudaMemcpy(host, at(source), 4L * target.length, cudaMemcpyDeviceToHost), "download");
            host.get(target);
        }
    }

    /**
     * Row-major C (m × n) = op(A) op(B) is column-major Cᵀ = op(B)ᵀ op(A)ᵀ: cuBLAS gets B first, with the
     * row-major leading dimensions.
     */
    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, Buffer a, Buffer b, Buffer c) {
        checkBlas(cublasSgemm_v2(blas, transB ? CUBLAS_OP_T : CUBLAS_OP_N, transA ? CUBLAS_OP_T : CUBLAS_OP_N, n, m, k, one,
                new DeviceFloats(((Device) b).address()), transB ? k : n, new DeviceFloats(((Device) a).address()), transA ? m : k,
                zero, new DeviceFloats(((Device) c).address()), n), "cublasSgemm");
    }

    private Launch kernel(Kernel kernel) {
        return kernels.get(kernel).begin();
    }

    private static long blocks(long n) {
        return Math.min((n + THREADS - 1) / THREADS, MAX_BLOCKS);
    }

    @Override
    public void biasActivation(HiddenActivation f, Buffer z, Buffer b, Buffer a, int rows, int cols) {
        kernel(Kernel.BIAS_ACTIVATION).i(f.kind()).f(f.parameter()).p(z).p(b).p(a).i(rows).i(cols).run(blocks((long) rows * cols), THREADS);
    }

    @Override
    public void activationBackward(HiddenActivation f, Buffer z, Buffer a, Buffer grad, Buffer delta, long n) {
        kernel(Kernel.ACTIVATION_BACKWARD).i(f.kind()).f(f.parameter()).p(z).p(a).p(grad).p(delta).l(n).run(blocks(n), THREADS);
    }

    @Override
    public void softmaxCrossEntropy(Buffer z, Buffer labels, Buffer classWeights, Buffer delta, int rows, int cols, Buffer sums, Buffer counts) {
        kernel(Kernel.SOFTMAX_CROSS_ENTROPY).p(z).p(labels).p(classWeights).p(delta).i(rows).i(cols).p(sums).p(counts).run((rows + 127) / 128, 128);
    }

    @Override
    public void logisticCrossEntropy(Buffer z, Buffer labels, Buffer classWeights, Buffer delta, int rows, int cols, Buffer sums, Buffer counts) {
        kernel(Kernel.LOGISTIC_CROSS_ENTROPY).p(z).p(labels).p(classWeights).p(delta).i(rows).i(cols).p(sums).p(counts).run((rows + 127) / 128, 128);
    }

    @Override
    public void residualLoss(OutputLoss loss, float h, HiddenActivation f, Buffer z, Buffer y, Buffer delta, int rows, int cols, Buffer sums,
            Buffer counts) {
        kernel(Kernel.RESIDUAL_LOSS).i(loss.residualCode()).f(h).i(f.kind()).f(f.parameter()).p(z).p(y).p(delta).i(rows).i(cols).p(sums)
                .p(counts).run(blocks((long) rows * cols), THREADS);
    }

    @Override
    public void columnSums(Buffer delta, Buffer db, int rows, int cols) {
        kernel(Kernel.COLUMN_SUMS).p(delta).p(db).i(rows).i(cols).run((cols + 127) / 128, 128);
    }

    @Override
    public void penalty(Buffer w, Buffer grad, float l1, float l2, long n, Buffer sums, float weight) {
        kernel(Kernel.PENALTY).p(w).p(grad).f(l1).f(l2).l(n).p(sums).f(weight).run(blocks(n), THREADS);
    }

    @Override
    public void beginStep(Buffer clock, Buffer norm) {
        kernel(Kernel.BEGIN_STEP).p(clock).p(norm).run(1, 32);
    }

    @Override
    public void clipByValue(Buffer g, long n, float maxValue, Buffer norm) {
        kernel(Kernel.CLIP_BY_VALUE).p(g).l(n).f(maxValue).p(norm).run(blocks(n), THREADS);
    }

    @Override
    public void clipByNorm(Buffer g, long n, float maxNorm, Buffer norm) {
        kernel(Kernel.CLIP_BY_NORM).p(g).l(n).f(maxNorm).p(norm).run(blocks(n), THREADS);
    }

    @Override
    public void noteFirstRisk(Buffer sums, Buffer clock, float rows, Buffer first) {
        kernel(Kernel.NOTE_FIRST_RISK).p(sums).p(clock).f(rows).p(first).run(1, 32);
    }

    @Override
    public void finiteCheck(Buffer g, long n, Buffer counts, Buffer clock, Buffer bad) {
        kernel(Kernel.FINITE_CHECK).p(g).l(n).p(counts).p(clock).p(bad).run(blocks(n), THREADS);
    }

    @Override
    public void update(UpdateKind.Update rule, Buffer p, Buffer g, Buffer s1, Buffer s2, Buffer rates, Buffer clock, long n, Buffer bad) {
        kernel(Kernel.OPTIMIZER_UPDATE).i(rule.kind().code()).f(rule.h(0)).f(rule.h(1)).f(rule.h(2)).f(rule.h(3)).l(rule.weightCount())
                .p(p).p(g).p(s1).p(s2).p(rates).p(clock).l(n).p(bad).run(blocks(n), THREADS);
    }

    @Override
    public void gatherRows(Buffer x, Buffer targets, Buffer index, Buffer clock, int batch, Buffer out, Buffer targetsOut, int rows, int cols,
            int targetCols) {
        kernel(Kernel.GATHER_ROWS).p(x).p(targets).p(index).p(clock).i(batch).p(out).p(targetsOut).i(rows).i(cols).i(targetCols)
                .run(blocks((long) rows * Math.max(cols, targetCols)), THREADS);
    }

    @Override
    public void synchronize() {
        check(cudaDeviceSynchronize(), "cudaDeviceSynchronize (an earlier kernel or copy failed)");
    }

    @Override
    public String device() {
        return info.name() + " (compute capability " + info.computeCapability() + ")";
    }

    @Override
    public void close() {
        for (long address : allocations) {
            cudaFree(new Address(address));
        }
        allocations.clear();
        cublasDestroy_v2(blas);
        cudaStreamDestroy(stream);
    }
}
