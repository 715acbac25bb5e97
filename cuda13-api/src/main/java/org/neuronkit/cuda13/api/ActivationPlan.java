package org.neuronkit.cuda13.api;

/**
 * An activation as nn-core parsed it, so that the engine reads no spec text: its registry name and its one
 * hyper-parameter (leaky ReLU's γ, ELU's γ, swish's β), e.g. {@code leakyrelu(0.01)} is {@code ("leakyrelu", 0.01)}.
 *
 * @param name the activation's registry name (its formula's name)
 * @param parameter its hyper-parameter, 0 where it has none
 */
public record ActivationPlan(String name, float parameter) {
}
