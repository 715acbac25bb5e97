package org.neuronkit.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class OpSequenceTest {

    /** The i-th op reuses slot i: new input arrays of the same shape, another shape and row views all compute what a fresh ND4J op computes. */
    @Test
    void gemmOnNewArraysEqualsAFreshProduct() {
        Nd4j.getRandom().setSeed(11);
        OpSequence ops = new OpSequence();
        INDArray w = Nd4j.rand(DataType.DOUBLE, 5, 7);
        INDArray big = Nd4j.rand(DataType.DOUBLE, 40, 7);
        INDArray[] inputs = {Nd4j.rand(DataType.DOUBLE, 8, 7), Nd4j.rand(DataType.DOUBLE, 8, 7), Nd4j.rand(DataType.DOUBLE, 3, 7),
            big.get(NDArrayIndex.interval(10, 18), NDArrayIndex.all())};
        for (INDArray x : inputs) {
            INDArray z = Nd4j.create(DataType.DOUBLE, x.rows(), 5);
            ops.begin().gemm(x, false, w, true, z);
            ops.mul(z, 2.0, z);
            INDArray expected = x.mmul(w.transpose()).mul(2.0);
            assertTrue(expected.equalsWithEps(z, 1e-12), "x of shape " + java.util.Arrays.toString(x.shape()) + (x.isView() ? " (view)" : ""));
        }
    }

    @Test
    void aChangedScalarIsUsedAtTheNextCall() {
        OpSequence ops = new OpSequence();
        INDArray x = Nd4j.createFromArray(1.0f, 2.0f, 3.0f);
        INDArray out = x.ulike();
        ops.begin().mul(x, 3, out);
        assertEquals(9.0, out.getDouble(2), 0);
        ops.begin().mul(x, 0.5, out);
        assertEquals(1.5, out.getDouble(2), 0);
        assertEquals(DataType.FLOAT, out.dataType());
    }

    /** Ops in another order than last time still compute the right thing (the slot is rebuilt). */
    @Test
    void anotherOrderOfOpsStaysCorrect() {
        OpSequence ops = new OpSequence();
        INDArray x = Nd4j.createFromArray(-1.0, 0.5, 2.0);
        INDArray out = x.ulike();
        ops.begin().tanh(x, out);
        ops.begin().rsub(1, x, out);
        assertEquals(Nd4j.createFromArray(2.0, 0.5, -1.0), out);
        ops.begin().max(x, 0, out);
        assertEquals(Nd4j.createFromArray(0.0, 0.5, 2.0), out);
    }

    /** Re-pointing a context at new arrays creates no ND4J native object (data buffer or context). */
    @Test
    void newArraysEachCallCreateNoNativeObjects() {
        OpSequence ops = new OpSequence();
        INDArray w = Nd4j.rand(DataType.FLOAT, 6, 4);
        INDArray[] inputs = new INDArray[20];
        for (int k = 0; k < inputs.length; k++) {
            inputs[k] = Nd4j.rand(DataType.FLOAT, 9, 4);
        }
        INDArray z = Nd4j.create(DataType.FLOAT, 9, 6);
        INDArray mask = Nd4j.create(DataType.BOOL, 9, 6);
        INDArray numbers = z.ulike();
        for (int round = 0; round < 2; round++) {
            long before = Nd4j.getDeallocatorService().nextValue();
            for (INDArray x : inputs) {
                ops.begin().gemm(x, false, w, true, z);
                ops.gt(z, 0.5, mask);
                ops.cast(mask, numbers);
            }
            long created = Nd4j.getDeallocatorService().nextValue() - before - 1;
            if (round == 1) {
                assertEquals(0, created, "native objects created while re-pointing 20 × 3 ops");
            }
        }
    }

    /**
     * libnd4j keeps each array wrapper a context is given until the context is purged: 300,000
     * re-pointings without the purge (an input and an output each) grow the process by about 60 MB.
     * Measured in a child JVM whose
     * small, fixed heap cannot grow, so resident memory moves with native memory only.
     */
    @Test
    void repointingDoesNotGrowNativeMemory() throws IOException, InterruptedException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                RepointingProbe.class.getName(), "300000").redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the probe did not finish");
        Matcher resident = Pattern.compile("resident-kB (\\d+) (\\d+)").matcher(output);
        assertTrue(resident.find(), "no resident-memory line from the probe:\n" + output);
        long grown = Long.parseLong(resident.group(2)) - Long.parseLong(resident.group(1));
        assertTrue(grown < 8_000, "resident memory grew by " + grown + " kB over 300,000 re-pointed calls");
    }

    @Test
    void aPassThatNeverBeginsIsStoppedWithAMessage() {
        OpSequence ops = new OpSequence();
        INDArray x = Nd4j.createFromArray(1.0, 2.0);
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> {
            for (int k = 0; k < 1000; k++) {
                ops.tanh(x, x);
            }
        });
        assertTrue(error.getMessage().contains("begin()"), error.getMessage());
    }

    @Test
    void aFailingOpNamesItselfAndItsShapes() {
        OpSequence ops = new OpSequence();
        INDArray a = Nd4j.create(DataType.FLOAT, 2, 3);
        INDArray b = Nd4j.create(DataType.FLOAT, 4, 5);
        Exception error = assertThrows(RuntimeException.class, () -> ops.begin().gemm(a, false, b, false, Nd4j.create(DataType.FLOAT, 2, 5)));
        assertTrue(error.getMessage().contains("matmul") && error.getMessage().contains("[2, 3]"), error.getMessage());
    }

}
