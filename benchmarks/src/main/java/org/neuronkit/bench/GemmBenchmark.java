package org.neuronkit.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;

/**
 * The hardware's ceiling: raw {@code Nd4j.gemm} into preallocated outputs at exactly the shapes of a
 * workload's products, so a training step's achieved FLOP/s can be read against it.
 *
 * <p>{@code forward}: {@code Z = A Wᵀ} for every layer (inference). {@code trainStep}: the forward
 * products, then per layer {@code dW = Δᵀ A} and, except for the first layer, {@code dA = Δ W}
 * (see {@link Workload}). {@link BenchMain}'s table turns operations/s into GFLOP/s.
 */
@State(Scope.Thread)
public class GemmBenchmark {

    @Param({"W1", "W2", "W3"})
    public Workload workload;

    private final List<Product> forward = new ArrayList<>();
    private final List<Product> backward = new ArrayList<>();

    /** {@code c = op(a) op(b)}. */
    private record Product(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB) {
        void run() {
            Nd4j.gemm(a, b, c, transA, transB, 1.0, 0.0);
        }
    }

    @Setup
    public void allocate() {
        Nd4j.getRandom().setSeed(1);
        int n = workload.batch();
        int[] m = workload.sizes();
        for (int l = 1; l < m.length; l++) {
            INDArray a = Nd4j.rand(DataType.FLOAT, n, m[l - 1]);
            INDArray w = Nd4j.rand(DataType.FLOAT, m[l], m[l - 1]);
            INDArray delta = Nd4j.rand(DataType.FLOAT, n, m[l]);
            forward.add(new Product(a, w, Nd4j.create(DataType.FLOAT, n, m[l]), false, true));
            backward.add(new Product(delta, a, Nd4j.create(DataType.FLOAT, m[l], m[l - 1]), true, false));
            if (l > 1) {
                backward.add(new Product(delta, w, Nd4j.create(DataType.FLOAT, n, m[l - 1]), false, false));
            }
        }
    }

    @Benchmark
    public INDArray forward() {
        return run(forward);
    }

    @Benchmark
    public INDArray trainStep() {
        run(forward);
        return run(backward);
    }

    /** The products of {@link #trainStep} in its order, for another library to run: (A, transpose A, B, transpose B, C). */
    void eachTrainStepProduct(ProductRunner runner) {
        for (List<Product> products : List.of(forward, backward)) {
            for (Product p : products) {
                runner.run(p.a(), p.transA(), p.b(), p.transB(), p.c());
            }
        }
    }

    /** C = op(A) op(B) by some library. */
    interface ProductRunner {
        void run(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c);
    }

    private static INDArray run(List<Product> products) {
        long mark = NativeAllocations.mark();
        for (Product p : products) {
            p.run();
        }
        NativeAllocations.since(mark);
        return products.get(products.size() - 1).c();
    }
}
