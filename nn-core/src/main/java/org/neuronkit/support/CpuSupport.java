package org.neuronkit.support;

import org.neuronkit.registry.Registry;

/**
 * The CPU path (nn-core on ND4J's CPU backend) serves every registry entry: the entry's factory is the CPU
 * implementation. The answer is checked, not assumed: every example spec of the entry must build.
 */
public final class CpuSupport implements PathSupport {

    @Override
    public String path() {
        return "CPU";
    }

    @Override
    public Support support(Family family, Registry.Entry<?> entry) {
        for (String example : entry.examples()) {
            try {
                family.registry().parse(example);
            } catch (RuntimeException e) {
                return Support.refused("'" + example + "' does not build: " + e.getMessage());
            }
        }
        return Support.yes();
    }
}
