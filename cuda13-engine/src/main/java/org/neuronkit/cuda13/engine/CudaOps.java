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
 * {@link Ops} on GPU 0: cuBLAS's sgemm for the GEMMs and the kernels of {@code kernels.ptx} (their launches are
 * {@link KernelOps}'), which the driver compiles for the GPU when the module loads. Everything runs in order on one blocking stream of its own
 * (cuBLAS's too), so that a step can be captured as a CUDA graph ({@link #graphExecutor()}); nothing waits
 * for the device but the copies (cudaMemcpy) and {@link #synchronize()}.
 *
 * <p>{@link #open()} runs {@link CudaPreflight} first and refuses with a {@link NoUsableGpuException}
 * whose message names what is missing.
 */
public final class CudaOps implements KernelOps {
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

    /** A kernel's function and launch-argument block (8 bytes a parameter), refilled at every launch. */
    private static final class Launch {
        private final Kernel kernel;
        private final CUfunc_st function;
        private final BytePointer args;
        private final LongPointer params;

        Launch(Kernel kernel, CUfunc_st function) {
            this.kernel = kernel;
            this.function = function;
            int n = kernel.signature().length();
            args = new BytePointer(8L * n);
            params = new LongPointer(n);
            for (int i = 0; i < n; i++) {
                params.put(i, args.address() + 8L * i);
            }
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
            kernels.put(kernel, new Launch(kernel, function));
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

    private static long blocks(long n) {
        return Math.min((n + THREADS - 1) / THREADS, MAX_BLOCKS);
    }

    /**
     * {@link KernelOps}' launches on the engine's stream: a grid-stride loop over n values gets ⌈n / 256⌉ blocks of
     * 256 threads (at most 4096 blocks), one thread per item blocks of 128, a single thread one block of 32.
     */
    @Override
    public Args launch(Kernel kernel, Work work) {
        Launch launch = kernels.get(kernel);
        return new Args(kernel) {
            @Override
            protected void putInt(int index, int v) {
                launch.args.putInt(8L * index, v);
            }

            @Override
            protected void putFloat(int index, float v) {
                launch.args.putFloat(8L * index, v);
            }

            @Override
            protected void putLong(int index, long v) {
                launch.args.putLong(8L * index, v);
            }

            @Override
            protected void putBuffer(int index, Buffer b) {
                launch.args.putLong(8L * index, b == null ? 0L : ((Device) b).address());
            }

            @Override
            protected void launch() {
                long blocks;
                int threads;
                switch (work.cover()) {
                    case STRIDED -> {
                        blocks = blocks(work.count());
                        threads = THREADS;
                    }
                    case PER_ITEM -> {
                        blocks = (work.count() + 127) / 128;
                        threads = 128;
                    }
                    default -> {
                        blocks = 1;
                        threads = 32;
                    }
                }
                checkDriver(cuLaunchKernel(launch.function, (int) Math.max(1, blocks), 1, 1, threads, 1, 1, 0, stream, launch.params, null),
                        "launching " + kernel.entry());
            }
        };
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
