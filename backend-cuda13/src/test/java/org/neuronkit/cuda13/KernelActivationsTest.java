package org.neuronkit.cuda13;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.neuronkit.activation.Activations;

/**
 * The committed activations.cuh and ActivationKernels.java are what KernelActivations generates from the registry
 * today; with -Dneuronkit.activations.write=true (scripts/gen-activations.sh) this test writes them.
 */
class KernelActivationsTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void committedKernelSourcesAreGeneratedFromTheRegistry() throws IOException {
        if (Boolean.getBoolean("neuronkit.activations.write")) {
            KernelActivations.main(new String[] {ROOT.toString()});
        }
        assertEquals(KernelActivations.cudaSource(), Files.readString(ROOT.resolve(KernelActivations.CUDA_FILE), StandardCharsets.UTF_8),
                KernelActivations.CUDA_FILE + " is stale: run " + KernelActivations.REGENERATE + ", then scripts/gen-ptx.sh");
        assertEquals(KernelActivations.javaSource(), Files.readString(ROOT.resolve(KernelActivations.JAVA_FILE), StandardCharsets.UTF_8),
                KernelActivations.JAVA_FILE + " is stale: run " + KernelActivations.REGENERATE);
    }

    @Test
    void everyElementWiseActivationHasAKindAndSoftmaxAndLearnedSwishAreRefusedByName() {
        for (var entry : Activations.REGISTRY.entries()) {
            boolean served = KernelActivations.kind(entry.name()).isPresent();
            assertEquals(!entry.name().equals("softmax"), served, entry.name());
        }
        assertTrue(KernelActivations.refusal(Activations.softmax()).orElseThrow().startsWith("softmax is not element-wise"));
        assertEquals("its learned β has no gradient kernel; use a fixed value, e.g. swish(1.5), or train on the CPU",
                KernelActivations.refusal(Activations.swishLearnedPerNeuron(1.5)).orElseThrow());
        assertTrue(KernelActivations.refusal(Activations.swish(1.5)).isEmpty());
    }

    @Test
    void slopesReadTheForwardOutputWhereTheDerivativeContainsIt() {
        assertEquals("1 - a^2", KernelActivations.kind("tanh").orElseThrow().slope().toString());
        assertEquals("a*(1 - a)", KernelActivations.kind("logistic").orElseThrow().slope().toString());
        assertEquals("ifpos(z - γ*z, 1, γ)", KernelActivations.kind("leakyrelu").orElseThrow().slope().toString());
    }
}
