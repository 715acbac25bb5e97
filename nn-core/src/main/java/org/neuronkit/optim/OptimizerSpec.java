package org.neuronkit.optim;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An optimizer's update rule and hyper-parameters as plain data: what {@link Optimizers#REGISTRY}
 * parses a spec string into, what a checkpoint stores (as JSON, with {@code type} its registry name,
 * e.g. {@code {"type":"adam","lr":0.001,"beta1":0.9,"beta2":0.999,"eps":1.0E-8}}) and what a
 * {@link org.neuronkit.train.TrainingDevice} reads. Each kind is a record registered in the registry;
 * its {@code toString()} is the spec string the registry reads back into an equal record, e.g.
 * {@code adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1.0E-8)}.
 *
 * <p>The learning rate here is the base rate α₀; the optimizer's {@link RateSchedule} scales it.
 * Not sealed, like {@link org.neuronkit.layer.LayerSpec}: a new optimizer is its class, its record and one
 * registry line.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface OptimizerSpec {

    /** α₀, the base learning rate: finite and &gt; 0. */
    double lr();

    /** The same rule with base rate {@code lr}. */
    OptimizerSpec withLr(double lr);

    /** A new optimizer of this spec with a constant schedule, its state not yet allocated. */
    Optimizer create();
}
