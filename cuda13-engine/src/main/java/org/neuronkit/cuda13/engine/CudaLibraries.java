package org.neuronkit.cuda13.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds the CUDA libraries the engine links, by file name, where a machine keeps them: the directories of
 * {@code LD_LIBRARY_PATH} and {@code java.library.path}, the {@code ldconfig -p} cache, {@code /usr/local/cuda*}
 * and {@code /usr/local/nvidia}, the system library directories, and the {@code nvidia/*}{@code /lib} folders of
 * Python's CUDA wheels (pip's {@code nvidia-cublas}, {@code nvidia-cuda-runtime}, as PyTorch installs them).
 */
public final class CudaLibraries {

    /** The NVIDIA driver's library. */
    public static final String DRIVER = "libcuda.so.1";
    /** What the engine loads, in load order: driver, runtime, cuBLAS Lt, cuBLAS. */
    public static final List<String> REQUIRED = List.of(DRIVER, "libcudart.so.13", "libcublasLt.so.13", "libcublas.so.13");

    private final List<Path> directories;
    private final Map<String, Path> cache;

    /** Looks in {@code directories} and in the {@code ldconfig} entries {@code cache} (file name → path). */
    public CudaLibraries(List<Path> directories, Map<String, Path> cache) {
        this.directories = List.copyOf(directories);
        this.cache = Map.copyOf(cache);
    }

    /** The libraries of this machine, looked for in every usual place. */
    public static CudaLibraries ofThisMachine() {
        Set<Path> dirs = new LinkedHashSet<>();
        addPathList(dirs, System.getenv("LD_LIBRARY_PATH"));
        addPathList(dirs, System.getProperty("java.library.path"));
        for (String root : List.of("/usr/local/nvidia/lib64", "/usr/local/nvidia/lib", "/usr/lib/x86_64-linux-gnu", "/usr/lib64",
                "/usr/lib/wsl/lib")) {
            dirs.add(Path.of(root));
        }
        for (Path cuda : children(Path.of("/usr/local"), "cuda*")) {
            dirs.add(cuda.resolve("lib64"));
            dirs.add(cuda.resolve("targets/x86_64-linux/lib"));
        }
        for (Path sitePackages : pythonSitePackages()) {
            for (Path wheel : children(sitePackages.resolve("nvidia"), "*")) {
                dirs.add(wheel.resolve("lib"));
            }
        }
        dirs.removeIf(dir -> !Files.isDirectory(dir));
        return new CudaLibraries(new ArrayList<>(dirs), ldconfigCache());
    }

    /** Where each of {@code names} is (absent names are missing). */
    public Map<String, Path> locate(List<String> names) {
        Map<String, Path> found = new LinkedHashMap<>();
        for (String name : names) {
            for (Path dir : directories) {
                if (Files.exists(dir.resolve(name))) {
                    found.put(name, dir.resolve(name));
                    break;
                }
            }
            if (!found.containsKey(name) && cache.containsKey(name) && Files.exists(cache.get(name))) {
                found.put(name, cache.get(name));
            }
        }
        return found;
    }

    /** The directories searched, in order, then "the ldconfig cache". */
    public String searched() {
        List<String> parts = new ArrayList<>();
        directories.forEach(d -> parts.add(d.toString()));
        parts.add("the ldconfig cache (" + cache.size() + " entries)");
        return String.join(", ", parts);
    }

    /** The directories that hold any of {@code names}, joined with ':' (for JavaCPP's preload path). */
    public String directoriesOf(Map<String, Path> found) {
        Set<String> dirs = new LinkedHashSet<>();
        found.values().forEach(p -> dirs.add(p.getParent().toString()));
        return String.join(":", dirs);
    }

    /** Parses {@code ldconfig -p} lines such as {@code libcuda.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcuda.so.1}. */
    static Map<String, Path> parseLdconfig(String output) {
        Map<String, Path> entries = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int arrow = line.indexOf("=>");
            if (arrow < 0 || !line.contains("x86-64")) {
                continue;
            }
            String name = line.trim().split("\\s+")[0];
            entries.putIfAbsent(name, Path.of(line.substring(arrow + 2).trim()));
        }
        return entries;
    }

    private static Map<String, Path> ldconfigCache() {
        for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig")) {
            String output = run(ldconfig, "-p");
            if (output != null) {
                return parseLdconfig(output);
            }
        }
        return Map.of();
    }

    private static List<Path> pythonSitePackages() {
        List<Path> dirs = new ArrayList<>();
        String output = run("python3", "-c", "import site, sys; print('\\n'.join(sys.path + site.getsitepackages()))");
        if (output != null) {
            for (String line : output.split("\n")) {
                if (!line.isBlank()) {
                    dirs.add(Path.of(line.trim()));
                }
            }
        }
        return dirs;
    }

    /** A command's standard output, or null if it cannot run or takes over 10 s. */
    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroy();
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void addPathList(Set<Path> dirs, String list) {
        if (list != null) {
            for (String part : list.split(":")) {
                if (!part.isBlank()) {
                    dirs.add(Path.of(part));
                }
            }
        }
    }

    private static List<Path> children(Path dir, String glob) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
            stream.forEach(out::add);
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }
}
