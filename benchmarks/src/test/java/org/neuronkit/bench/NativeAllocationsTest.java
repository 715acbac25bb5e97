package org.neuronkit.bench;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(CountNativeAllocations.class)
class NativeAllocationsTest {

    @BeforeAll
    static void loadNd4j() {
        // ND4J's first use allocates buffers of its own; keep them out of the counted regions
        Nd4j.create(DataType.FLOAT, 2, 2).addi(1);
    }

    @Test
    void countsTheBytesOfNewBuffers() {
        long[] before = NativeAllocations.totals();
        long mark = NativeAllocations.mark();
        // kept reachable until counted: the counter reads them through weak references
        INDArray a = Nd4j.create(DataType.FLOAT, 100, 10);
        INDArray b = Nd4j.create(DataType.DOUBLE, 3, 7);
        NativeAllocations.since(mark);
        long[] after = NativeAllocations.totals();

        // each array: its data and its shape descriptor (2·rank + 4 longs), which ND4J allocates anew
        assertEquals(4, after[1] - before[1], "owning buffers");
        assertEquals(100 * 10 * 4 + 3 * 7 * 8 + 2 * 8 * 8, after[2] - before[2], "bytes");
        assertEquals(4, after[0] - before[0], "native objects");
        assertEquals(1021, a.length() + b.length());
    }

    @Test
    void aViewIsANativeObjectButOwnsNoBytes() {
        INDArray existing = Nd4j.create(DataType.FLOAT, 8, 8);
        long[] before = NativeAllocations.totals();
        long mark = NativeAllocations.mark();
        INDArray view = existing.get(NDArrayIndex.interval(2, 6), NDArrayIndex.all());
        NativeAllocations.since(mark);
        long[] after = NativeAllocations.totals();

        assertTrue(after[0] - before[0] >= 1, "the view's buffer took an id");
        assertEquals(view.data().originalDataBuffer(), existing.data());
        long viewBytes = view.length() * 4;
        long owned = after[2] - before[2];
        assertTrue(owned < viewBytes, "view bytes counted as owned: " + owned);
    }

    @Test
    void anInPlaceGemmCreatesNoBuffer() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 8);
        INDArray w = Nd4j.rand(DataType.FLOAT, 4, 8);
        INDArray z = Nd4j.create(DataType.FLOAT, 16, 4);
        Nd4j.gemm(x, w, z, false, true, 1.0, 0.0);
        long[] before = NativeAllocations.totals();
        long mark = NativeAllocations.mark();
        Nd4j.gemm(x, w, z, false, true, 1.0, 0.0);
        NativeAllocations.since(mark);
        long[] after = NativeAllocations.totals();

        assertEquals(0, after[1] - before[1], "owning buffers");
        assertEquals(0, after[2] - before[2], "bytes");
    }

    @Test
    void countsNothingWhenDisabled() {
        NativeAllocations.enabled = false;
        long[] before = NativeAllocations.totals();
        long mark = NativeAllocations.mark();
        Nd4j.create(DataType.FLOAT, 10, 10);
        NativeAllocations.since(mark);
        long[] after = NativeAllocations.totals();

        assertEquals(0, mark);
        assertEquals(before[2], after[2]);
    }
}
