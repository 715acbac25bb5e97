package org.neuronkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.backend.CpuFeatures;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Sgd;

class PrecisionTest {
    private static final CpuFeatures ZEN3 = CpuFeatures.of("test flags", Set.of("avx2", "fma", "avx512f", "avx512bw", "avx512_vnni"));

    private static Network network() {
        return Network.builder(64).dense(16, Activations.relu()).output(10, Losses.softmaxCrossEntropy()).seed(7).build();
    }

    @Test
    void bf16OnACpuWithoutTheFeatureIsRefusedBeforeAnyWork() {
        Network network = network();
        INDArray before = network.parameters().dup();
        DataSet digits = BundledDatasets.digits();
        Trainer trainer = new Trainer(new Sgd(0.1), 32, 1, 1).precision(Precision.BF16).cpuFeatures(ZEN3);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> trainer.fit(network, digits, null));
        assertEquals("bf16 precision needs a CPU with AVX-512 BF16 (avx512_bf16) or AMX (amx_bf16), and test flags list neither;"
                + " train with precision fp32", e.getMessage());
        assertEquals(before, network.parameters(), "nothing was trained");
        assertEquals(e.getMessage(), assertThrows(ConfigurationException.class, () -> trainer.check(network, digits)).getMessage());
    }

    @Test
    void aSystemWithoutCpuFlagsSaysWhy() {
        CpuFeatures none = CpuFeatures.of("this system (Mac OS X, aarch64) has no /proc/cpuinfo to read them from", Set.of());
        assertEquals("bf16 precision needs a CPU with AVX-512 BF16 (avx512_bf16) or AMX (amx_bf16), and this system (Mac OS X, aarch64)"
                + " has no /proc/cpuinfo to read them from", none.bf16Missing().orElseThrow());
    }

    @Test
    void eitherFeatureIsEnough() {
        assertEquals("avx512_bf16", CpuFeatures.of("t", Set.of("avx512f", "avx512_bf16")).bf16Feature().orElseThrow());
        assertEquals("amx_bf16", CpuFeatures.of("t", Set.of("amx_tile", "amx_bf16", "avx512_bf16")).bf16Feature().orElseThrow());
    }

    @Test
    void withTheFeatureButNoBackendProductsTheRunIsRefusedByName() {
        // nn-core's tests have no backend module on the classpath, so no Bf16Gemm
        Trainer trainer = new Trainer(new Sgd(0.1), 32, 1, 1).precision(Precision.BF16)
                .cpuFeatures(CpuFeatures.of("t", Set.of("avx512_bf16")));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> trainer.fit(network(), BundledDatasets.digits(), null));
        assertEquals("bf16 precision needs bf16 matrix products from the backend, and none on the classpath provides them"
                + " (backend-cpu does, on Linux x86-64); train with precision fp32", e.getMessage());
    }

    @Test
    void fp32NeedsNoFeature() {
        TrainingReport report = new Trainer(new Sgd(0.1), 32, 1, 1).precision(Precision.FP32).cpuFeatures(ZEN3)
                .fit(network(), BundledDatasets.digits(), null);
        assertEquals(1, report.epochs().size());
    }

    @Test
    void namesParseAndUnknownOnesAreRefused() {
        assertEquals(Precision.BF16, Precision.parse("BF16"));
        assertEquals(Precision.FP32, Precision.parse("fp32"));
        assertEquals("unknown precision 'fp16': use fp32 or bf16",
                assertThrows(ConfigurationException.class, () -> Precision.parse("fp16")).getMessage());
    }
}
