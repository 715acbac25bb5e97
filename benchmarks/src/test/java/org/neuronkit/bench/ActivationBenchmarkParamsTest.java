package org.neuronkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuronkit.activation.Activations;
import org.openjdk.jmh.annotations.Param;

/** JMH needs its parameter list as a constant: this keeps it equal to the activation registry's examples. */
class ActivationBenchmarkParamsTest {
    @Test
    void specParameterListsEveryRegisteredActivation() throws NoSuchFieldException {
        List<String> benchmarked = List.of(ActivationBenchmark.class.getField("spec").getAnnotation(Param.class).value());
        assertEquals(Activations.REGISTRY.examples(), benchmarked,
                "ActivationBenchmark's @Param list must be Activations.REGISTRY.examples(), in order");
    }
}
