package org.neuronkit.backend.cuda;

import org.neuronkit.ConfigurationException;

/**
 * An NVIDIA compute capability {@code major.minor}, e.g. 8.6 for an RTX 30-series GPU.
 *
 * @param major the architecture generation (3 Kepler, 5 Maxwell, 6 Pascal, 7 Volta/Turing, 8 Ampere/Ada, 9 Hopper)
 * @param minor the revision within it
 */
public record ComputeCapability(int major, int minor) {

    public ComputeCapability {
        if (major < 1 || minor < 0 || minor > 9) {
            throw new ConfigurationException("invalid compute capability " + major + "." + minor);
        }
    }

    /** Parses {@code "8.6"}. */
    public static ComputeCapability parse(String text) {
        String[] parts = text.trim().split("\\.");
        try {
            if (parts.length == 2) {
                return new ComputeCapability(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException("invalid compute capability '" + text + "': expected major.minor, e.g. 8.6");
    }

    /**
     * Whether machine code (SASS) compiled for {@code this} architecture runs on a GPU of capability
     * {@code device}: NVIDIA's binary compatibility rule, same major and a device minor at least this
     * minor (code for 8.6 runs on 8.6 and 8.9, not on 8.0 or 9.0).
     */
    public boolean runsOn(ComputeCapability device) {
        return major == device.major && minor <= device.minor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
