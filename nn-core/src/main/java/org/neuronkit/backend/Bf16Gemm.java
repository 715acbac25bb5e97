package org.neuronkit.backend;

import java.util.ServiceLoader;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mixed-precision matrix products for bf16 training ({@code Trainer.precision(Precision.BF16)}):
 * C = op(A) · op(B) with A and B rounded to bfloat16 (round to nearest even: 8 significant bits, fp32's
 * exponent range), products and sums in fp32, C stored in fp32.
 *
 * <p>A factor is rounded once into a {@link Rounded} copy ({@link #round}), which then serves every
 * product that reads it: a layer rounds its input X and weights W in the forward pass and its δ in the
 * backward pass, and Z = X Wᵀ, dW = δᵀ X and dX = δ W share those three copies (docs/design.md, "Mixed
 * precision"). The fp32 arrays stay as they are.
 *
 * <h2>Shapes</h2>
 * A rounded copy has its source's shape, rows × columns, whatever the source's layout. op(A) is m × k
 * ({@code transposeA}: A is k × m), op(B) is k × n ({@code transposeB}: B is n × k), C is an fp32
 * matrix m × n in any layout ND4J makes and is overwritten (β = 0).
 *
 * <p>A backend registers one through {@link ServiceLoader}
 * ({@code META-INF/services/org.neuronkit.backend.Bf16Gemm}); {@code nn-core} never names it.
 */
public interface Bf16Gemm {

    /** Whether this implementation can run here: its library loads and it serves the ND4J backend that is loaded. */
    boolean isActive();

    /** The library and kernel that run the products, for reports (e.g. {@code "oneDNN 2.5.2, avx512_core_bf16"}). */
    String describe();

    /**
     * {@code source} (a 2-D fp32 matrix, any strides) rounded to bf16, written into {@code into} when it
     * was made by this implementation and has room (its memory is reused), else into a new copy, which
     * is returned. {@code into} may be null.
     */
    Rounded round(INDArray source, Rounded into);

    /** C = op(A) · op(B) of two rounded copies, fp32 sums, into fp32 C (shapes above). */
    void gemm(Rounded a, boolean transposeA, Rounded b, boolean transposeB, INDArray c);

    /** A bf16 copy of an fp32 matrix, made by {@link #round}; its memory is freed when it is closed or no longer reachable. */
    interface Rounded extends AutoCloseable {
        long rows();

        long columns();

        @Override
        void close();
    }

    /**
     * Sets the process up for a run of these products (the bf16 steps of one training) until the
     * returned run is closed: an implementation whose threads would share the cores with idle
     * threads of the fp32 libraries may quiet those for the run. Runs may overlap (parallel trials);
     * the default does nothing.
     */
    default Run startRun() {
        return Run.NONE;
    }

    /** A run of products ({@link #startRun}); closing it undoes what starting it set up. */
    interface Run extends AutoCloseable {
        /** A run that set nothing up. */
        Run NONE = () -> { };

        @Override
        void close();
    }

    /** The active implementation on the classpath, or null when no backend provides one. */
    static Bf16Gemm find() {
        for (Bf16Gemm gemm : ServiceLoader.load(Bf16Gemm.class)) {
            if (gemm.isActive()) {
                return gemm;
            }
        }
        return null;
    }
}
