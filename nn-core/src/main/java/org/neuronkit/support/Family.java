package org.neuronkit.support;

import org.neuronkit.activation.Activations;
import org.neuronkit.data.Normalizers;
import org.neuronkit.layer.Layers;
import org.neuronkit.loss.Losses;
import org.neuronkit.optim.Optimizers;
import org.neuronkit.optim.Schedules;
import org.neuronkit.registry.Registry;

/** The families of registered components, each with its registry: the rows of the support matrix. */
public enum Family {
    ACTIVATION("Activations", Activations.REGISTRY),
    LAYER("Layers", Layers.REGISTRY),
    LOSS("Losses", Losses.REGISTRY),
    OPTIMIZER("Optimizers", Optimizers.REGISTRY),
    SCHEDULE("Learning-rate schedules", Schedules.REGISTRY),
    NORMALISER("Normalisers", Normalizers.REGISTRY);

    private final String title;
    private final Registry<?> registry;

    Family(String title, Registry<?> registry) {
        this.title = title;
        this.registry = registry;
    }

    /** The heading of this family's table in docs/support.md. */
    public String title() {
        return title;
    }

    /** The registry that defines this family's components. */
    public Registry<?> registry() {
        return registry;
    }
}
