package org.neuronkit.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.neuronkit.ConfigurationException;

/** The {@link TrainingDevice}s on the classpath, found through {@link ServiceLoader}. */
public final class TrainingDevices {
    private TrainingDevices() {
    }

    /** Every registered device, in the order the service loader finds them. */
    public static List<TrainingDevice> all() {
        List<TrainingDevice> devices = new ArrayList<>();
        ServiceLoader.load(TrainingDevice.class).forEach(devices::add);
        return devices;
    }

    /**
     * The registered device called {@code name} (any case).
     *
     * @throws ConfigurationException naming the device and the ones there are, or saying that no device
     *     module is on the classpath
     */
    public static TrainingDevice named(String name) {
        List<TrainingDevice> devices = all();
        for (TrainingDevice device : devices) {
            if (device.name().equalsIgnoreCase(name.trim())) {
                return device;
            }
        }
        String known = devices.isEmpty() ? "no device module is on the classpath (backend-cuda13 adds cuda)"
                : "known: " + String.join(", ", devices.stream().map(TrainingDevice::name).toList());
        throw new ConfigurationException("no training device '" + name.trim().toLowerCase(Locale.ROOT) + "': " + known
                + "; without a device, training runs on the CPU");
    }
}
