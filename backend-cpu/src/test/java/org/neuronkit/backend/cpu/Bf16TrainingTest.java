package org.neuronkit.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuronkit.activation.Activations;
import org.neuronkit.backend.Bf16Gemm;
import org.neuronkit.backend.CpuFeatures;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.io.ModelFile;
import org.neuronkit.io.SafeTensors;
import org.neuronkit.layer.Layer;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Adam;
import org.neuronkit.train.Precision;
import org.neuronkit.train.Trainer;
import org.neuronkit.train.TrainingReport;

/**
 * Mixed-precision training on this CPU (skipped on one without AVX-512 BF16 or AMX, where bf16 is
 * refused: PrecisionTest). Tolerances follow from bf16's 8 significant bits: rounding a factor
 * changes it by at most 2⁻⁹ relative, so a product of two rounded factors by at most about 2⁻⁸. A
 * gradient of a three-layer network passes through up to five such products (three forward, two
 * backward), so its relative error in norm stays near 5 · 2⁻⁸ ≈ 2 % when nothing cancels; the test
 * allows 2⁻⁵ ≈ 3 %. It also requires an error above 2⁻¹⁶, far above fp32 rounding, to show the
 * products really ran in bf16.
 */
class Bf16TrainingTest {
    private static DataSet.Split digits;

    @BeforeAll
    static void cpuHasBf16() {
        assumeTrue(CpuFeatures.probe().bf16Feature().isPresent(), "this CPU has no avx512_bf16 or amx_bf16");
        digits = BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling()).split(0.8, 42);
    }

    private static Network network() {
        return Network.builder(64).dense(64, Activations.relu()).dense(32, Activations.tanh()).output(10, Losses.softmaxCrossEntropy())
                .seed(11).build();
    }

    @Test
    void gradientsInBf16AreWithinBf16RoundingOfFp32() {
        Network network = network();
        INDArray x = digits.train().features().get(NDArrayIndex.interval(0, 128), NDArrayIndex.all());
        INDArray y = digits.train().targets().get(NDArrayIndex.interval(0, 128), NDArrayIndex.all());
        double risk32 = network.computeGradient(x, y);
        INDArray fp32 = network.gradients().dup();
        Bf16Gemm gemm = Bf16Gemm.find();
        network.layers().forEach(layer -> layer.useBf16Products(gemm));
        double risk16 = network.computeGradient(x, y);
        INDArray bf16 = network.gradients().dup();
        network.layers().forEach(layer -> layer.useBf16Products(null));

        assertEquals(risk32, risk16, Math.scalb(risk32, -7), "the loss");
        double error = bf16.sub(fp32).norm2Number().doubleValue() / fp32.norm2Number().doubleValue();
        assertTrue(error < Math.scalb(1.0, -5), "relative gradient error " + error);
        assertTrue(error > Math.scalb(1.0, -16), "the products ran in bf16: relative gradient error " + error);
    }

    /**
     * Each forward pass rounds the weights it is given: after the weights change, the bf16 output follows
     * the new fp32 output (within bf16 rounding), not the output of the weights rounded before.
     */
    @Test
    void eachStepRoundsTheWeightsOfThatStep() {
        Network network = network();
        INDArray x = digits.train().features().get(NDArrayIndex.interval(0, 64), NDArrayIndex.all());
        INDArray y = digits.train().targets().get(NDArrayIndex.interval(0, 64), NDArrayIndex.all());
        network.computeGradient(x, y);
        INDArray before = network.lastOutput().dup();
        Bf16Gemm gemm = Bf16Gemm.find();
        network.layers().forEach(layer -> layer.useBf16Products(gemm));
        network.computeGradient(x, y);
        Nd4j.getRandom().setSeed(9);
        network.parameters().addi(Nd4j.randn(DataType.FLOAT, network.parameters().shape()).muli(0.3));
        network.computeGradient(x, y);
        INDArray bf16After = network.lastOutput().dup();
        network.layers().forEach(layer -> layer.useBf16Products(null));
        network.computeGradient(x, y);
        INDArray fp32After = network.lastOutput().dup();

        double offNew = bf16After.sub(fp32After).norm2Number().doubleValue();
        double moved = fp32After.sub(before).norm2Number().doubleValue();
        assertTrue(offNew < 0.05 * moved, "bf16 output is " + offNew + " from the new weights' output, which moved " + moved);
    }

    @Test
    void trainingInBf16ReachesTheFp32LossAndSavesAnFp32Model(@TempDir Path dir) {
        Network fp32 = network();
        Network bf16 = network();
        TrainingReport r32 = new Trainer(new Adam(0.002), 32, 8, 42).fit(fp32, digits.train(), digits.test());
        int blasThreads = Nd4j.factory().blas().getMaxThreads();
        TrainingReport r16 = new Trainer(new Adam(0.002), 32, 8, 42).precision(Precision.BF16).fit(bf16, digits.train(), digits.test());
        assertEquals(blasThreads, Nd4j.factory().blas().getMaxThreads(), "OpenBLAS's threads after the bf16 run");

        double loss32 = r32.last().trainLoss(), loss16 = r16.last().trainLoss();
        assertTrue(loss16 < r16.epochs().get(0).trainLoss() / 3, "bf16 training learns: " + r16.epochs());
        assertEquals(loss32, loss16, 0.1 * loss32 + 0.01, "final training loss, fp32 against bf16");
        assertEquals(r32.last().validationAccuracy(), r16.last().validationAccuracy(), 0.02, "validation accuracy");

        Path file = dir.resolve("bf16.safetensors");
        ModelFile.save(bf16, null, file);
        Map<String, INDArray> saved = SafeTensors.read(file).tensors();
        int unrounded = 0;
        for (Map.Entry<String, INDArray> tensor : saved.entrySet()) {
            assertEquals(DataType.FLOAT, tensor.getValue().dataType(), tensor.getKey());
            for (float v : tensor.getValue().dup().data().asFloat()) {
                unrounded += (Float.floatToRawIntBits(v) & 0xFFFF) != 0 ? 1 : 0;
            }
        }
        assertTrue(unrounded > bf16.parameters().length() / 2, "the file holds the fp32 master weights, not bf16-rounded ones: "
                + unrounded + " of " + bf16.parameters().length() + " values use the low 16 bits");
        Network loaded = ModelFile.load(file).network();
        assertEquals(bf16.parameters(), loaded.parameters().castTo(DataType.FLOAT));
        // after fit the trained network computes in fp32 again: the same outputs as its reloaded copy
        INDArray x = digits.test().features();
        assertEquals(loaded.output(x), bf16.output(x));
        for (Layer layer : bf16.layers()) {
            assertEquals(layer.spec(), loaded.layers().get(bf16.layers().indexOf(layer)).spec());
        }
        Nd4j.getMemoryManager().invokeGc();
    }
}
