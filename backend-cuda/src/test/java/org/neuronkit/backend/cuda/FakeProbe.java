package org.neuronkit.backend.cuda;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A machine described by hand: by default a Linux host with driver 510.47.03, CUDA 11.6 and one RTX 3080. */
final class FakeProbe implements CudaProbe {

    boolean natives = true;
    Optional<String> module = Optional.of("510.47.03");
    final Map<String, String> libraries = new HashMap<>();
    Optional<String> loadError = Optional.empty();
    DeviceQuery devices = DeviceQuery.of(11060, 11060,
            List.of(new Gpu(0, "NVIDIA GeForce RTX 3080", new ComputeCapability(8, 6), 10L << 30)));
    boolean devicesAllowed = true;
    int deviceQueries;

    FakeProbe() {
        libraries.put(CudaBuild.DRIVER_LIBRARY, "/usr/lib/x86_64-linux-gnu/libcuda.so.1");
        for (String soname : CudaBuild.RUNTIME_LIBRARIES) {
            libraries.put(soname, "/usr/local/cuda-11.6/lib64/" + soname);
        }
    }

    /** A machine without an NVIDIA GPU, driver or CUDA, as CI is. */
    static FakeProbe bare() {
        FakeProbe probe = new FakeProbe();
        probe.natives = false;
        probe.module = Optional.empty();
        probe.libraries.clear();
        probe.devicesAllowed = false;
        return probe;
    }

    FakeProbe gpus(Gpu... gpus) {
        devices = DeviceQuery.of(11060, 11060, List.of(gpus));
        return this;
    }

    @Override
    public String platform() {
        return "linux-x86_64";
    }

    @Override
    public boolean hasNd4jNatives() {
        return natives;
    }

    @Override
    public Optional<String> kernelModuleVersion() {
        return module;
    }

    @Override
    public Optional<String> locate(String soname) {
        return Optional.ofNullable(libraries.get(soname));
    }

    @Override
    public Optional<String> loadError(String path) {
        return loadError;
    }

    @Override
    public List<String> searchedPlaces() {
        return List.of("/usr/lib/x86_64-linux-gnu", "the ldconfig cache");
    }

    @Override
    public DeviceQuery queryDevices() {
        if (!devicesAllowed) {
            throw new AssertionError("the preflight loaded native code although a library is missing");
        }
        deviceQueries++;
        return devices;
    }
}
