package org.neuronkit.backend.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.Loader;

/**
 * {@link CudaProbe} for this machine. Libraries are looked up where the Linux dynamic loader and
 * JavaCPP look: {@code LD_LIBRARY_PATH}, the loader's cache ({@code ldconfig -p}), the default library
 * directories, the directory JavaCPP's CUDA bindings name in their run path, {@code java.library.path},
 * and, for the runtime libraries, JavaCPP's redistributable jar on the classpath.
 */
public final class SystemCudaProbe implements CudaProbe {

    private static final Pattern MODULE_VERSION = Pattern.compile("Kernel Module.*?\\s(\\d+\\.\\d+(?:\\.\\d+)?)\\s");
    private static final List<String> DEFAULT_DIRECTORIES = List.of("/lib64", "/usr/lib64",
            "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
            "/usr/local/cuda-11.6/targets/x86_64-linux/lib", // run path of JavaCPP's libjnicudart.so
            "/usr/lib/wsl/lib"); // the driver under WSL 2

    private final String platform;
    private final Path procVersion;
    private final List<String> directories;
    private final Supplier<String> loaderCache;
    private final ClassLoader classLoader;
    private String loaderCacheText;

    /** Probes this machine. */
    public SystemCudaProbe() {
        this(Loader.getPlatform(), Path.of("/proc/driver/nvidia/version"),
                directories(System.getenv("LD_LIBRARY_PATH"), System.getProperty("java.library.path")),
                SystemCudaProbe::ldconfig, SystemCudaProbe.class.getClassLoader());
    }

    SystemCudaProbe(String platform, Path procVersion, List<String> directories, Supplier<String> loaderCache,
            ClassLoader classLoader) {
        this.platform = platform;
        this.procVersion = procVersion;
        this.directories = List.copyOf(directories);
        this.loaderCache = loaderCache;
        this.classLoader = classLoader;
    }

    @Override
    public String platform() {
        return platform;
    }

    @Override
    public boolean hasNd4jNatives() {
        return classLoader.getResource("org/nd4j/linalg/jcublas/bindings/" + platform + "/"
                + System.mapLibraryName("jnind4jcuda")) != null;
    }

    @Override
    public Optional<String> kernelModuleVersion() {
        if (!Files.isReadable(procVersion)) {
            return Optional.empty();
        }
        try {
            return parseModuleVersion(Files.readString(procVersion, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> locate(String soname) {
        for (String directory : directories) {
            Path candidate = Path.of(directory, soname);
            if (Files.exists(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        if (loaderCacheText == null) {
            loaderCacheText = loaderCache.get();
        }
        Optional<String> cached = findInLoaderCache(loaderCacheText, soname);
        if (cached.isPresent()) {
            return cached;
        }
        return Optional.ofNullable(classLoader.getResource("org/bytedeco/cuda/" + platform + "/" + soname))
                .map(url -> "classpath " + url);
    }

    @Override
    public Optional<String> loadError(String path) {
        try {
            System.load(path);
            return Optional.empty();
        } catch (UnsatisfiedLinkError e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public List<String> searchedPlaces() {
        List<String> places = new ArrayList<>(directories);
        places.add("the ldconfig cache");
        return places;
    }

    @Override
    public DeviceQuery queryDevices() {
        try {
            int[] count = {0};
            int status = cudart.cudaGetDeviceCount(count);
            if (status != cudart.cudaSuccess) {
                return DeviceQuery.failed(cudart.cudaGetErrorString(status).getString() + " (CUDA error " + status + ")");
            }
            int[] driver = {0};
            int[] runtime = {0};
            cudart.cudaDriverGetVersion(driver);
            cudart.cudaRuntimeGetVersion(runtime);
            List<Gpu> gpus = new ArrayList<>();
            for (int i = 0; i < count[0]; i++) {
                try (cudaDeviceProp properties = new cudaDeviceProp()) {
                    cudart.cudaGetDeviceProperties(properties, i);
                    gpus.add(new Gpu(i, properties.name().getString(),
                            new ComputeCapability(properties.major(), properties.minor()), properties.totalGlobalMem()));
                }
            }
            return DeviceQuery.of(driver[0], runtime[0], gpus);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            return DeviceQuery.failed("JavaCPP's CUDA bindings cannot load: " + e);
        }
    }

    /** The version in the text of {@code /proc/driver/nvidia/version}. */
    static Optional<String> parseModuleVersion(String text) {
        Matcher matcher = MODULE_VERSION.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /**
     * The path of a 64-bit library in {@code ldconfig -p} output, whose lines read
     * {@code libcuda.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcuda.so.1}.
     */
    static Optional<String> findInLoaderCache(String ldconfigOutput, String soname) {
        for (String line : ldconfigOutput.split("\n")) {
            String trimmed = line.trim();
            int arrow = trimmed.indexOf("=>");
            if (arrow > 0 && trimmed.startsWith(soname + " (") && trimmed.substring(0, arrow).contains("x86-64")) {
                return Optional.of(trimmed.substring(arrow + 2).trim());
            }
        }
        return Optional.empty();
    }

    /** The directories to search: the path lists given, then the default ones, each once. */
    static List<String> directories(String ldLibraryPath, String javaLibraryPath) {
        Set<String> result = new LinkedHashSet<>();
        for (String list : new String[] {ldLibraryPath, javaLibraryPath}) {
            if (list != null) {
                for (String entry : list.split(":")) {
                    if (!entry.isBlank()) {
                        result.add(entry);
                    }
                }
            }
        }
        result.addAll(DEFAULT_DIRECTORIES);
        return List.copyOf(result);
    }

    private static String ldconfig() {
        for (String command : new String[] {"/sbin/ldconfig", "/usr/sbin/ldconfig"}) {
            if (Files.isExecutable(Path.of(command))) {
                try {
                    Process process = new ProcessBuilder(command, "-p").redirectErrorStream(true).start();
                    try (InputStream out = process.getInputStream()) {
                        String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
                        process.waitFor(10, TimeUnit.SECONDS);
                        return text;
                    }
                } catch (IOException e) {
                    return "";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "";
                }
            }
        }
        return "";
    }
}
