package org.neuronkit.cuda13.api;

/** The kinds of component the engine serves or refuses, as nn-core's registries group them. */
public enum Family {
    LAYER, ACTIVATION, LOSS, OPTIMIZER
}
