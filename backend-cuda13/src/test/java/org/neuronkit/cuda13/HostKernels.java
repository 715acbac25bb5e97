package org.neuronkit.cuda13;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * kernels.cu compiled for the host with a C++ compiler (g++, or clang++, or $CXX) and the CUDA shim of
 * {@code src/test/host}: {@link #launch} runs one kernel in a fresh process of {@code host_kernels}
 * (protocol in host_kernels.cpp). Compiled once per test run into {@code target/host-kernels}. Without a
 * compiler every launch fails with an AssertionError naming what to install: a missing compiler never
 * passes silently.
 */
final class HostKernels {
    private static final Path KERNELS = Path.of("..", "cuda13-engine", "src", "main", "resources", "org", "neuronkit", "cuda13", "engine");
    private static final Path HOST = Path.of("src", "test", "host");
    private static final Path EXECUTABLE = Path.of("target", "host-kernels", "host_kernels");
    private static boolean compiled;

    private HostKernels() {
    }

    /** A C++ compiler on the PATH: $CXX, g++ or clang++. */
    static String compiler() {
        List<String> candidates = new ArrayList<>();
        String cxx = System.getenv("CXX");
        if (cxx != null && !cxx.isBlank()) {
            candidates.add(cxx);
        }
        candidates.add("g++");
        candidates.add("clang++");
        for (String candidate : candidates) {
            try {
                if (new ProcessBuilder(candidate, "--version").redirectErrorStream(true).start().waitFor() == 0) {
                    return candidate;
                }
            } catch (IOException | InterruptedException e) {
                // not installed: try the next
            }
        }
        throw new AssertionError("no C++ compiler (tried " + String.join(", ", candidates) + "): kernels.cu cannot be compiled for the host "
                + "and its kernels go unchecked; install g++ (Debian: apt-get install -y g++) or set CXX");
    }

    private static synchronized Path executable() {
        if (!compiled) {
            try {
                Files.createDirectories(EXECUTABLE.getParent());
                List<String> command = List.of(compiler(), "-std=c++17", "-O2", "-Wall", "-Werror", "-I", KERNELS.toString(), "-I", HOST.toString(),
                        HOST.resolve("host_kernels.cpp").toString(), "-o", EXECUTABLE.toString());
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new AssertionError("kernels.cu does not compile for the host:\n" + String.join(" ", command) + "\n" + output);
                }
            } catch (IOException e) {
                throw new AssertionError("compiling kernels.cu for the host failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            compiled = true;
        }
        return EXECUTABLE;
    }

    /**
     * Runs {@code kernel} over {@code blocks} one-thread blocks with the arguments {@code input} (in the protocol's
     * tokens) and returns the array arguments after the launch, one line each.
     */
    static List<String> launch(String kernel, int blocks, String input) {
        try {
            Process p = new ProcessBuilder(executable().toString()).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write((kernel + " " + blocks + " " + input + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("host_kernels " + kernel + " failed: " + errors);
            }
            return output.lines().toList();
        } catch (IOException e) {
            throw new AssertionError("running host_kernels " + kernel + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
