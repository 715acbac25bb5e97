package org.neuronkit.train;

import java.util.Locale;
import org.neuronkit.ConfigurationException;
import org.neuronkit.backend.Bf16Gemm;
import org.neuronkit.backend.CpuFeatures;

/**
 * The arithmetic of a training run's matrix products ({@link Trainer#precision}).
 *
 * <ul>
 *   <li>{@link #FP32}: everything in fp32 (the default).</li>
 *   <li>{@link #BF16}: mixed precision. The layers' GEMMs (Z = X Wᵀ, dW = Δᵀ X, dX = Δ W) round
 *       their two factors to bfloat16 (8 significant bits, relative rounding error ≤ 2⁻⁹) and sum the
 *       products in fp32 ({@link Bf16Gemm}); weights, biases, gradients, activations, the loss and the
 *       optimizer state stay fp32, and so do saved models. Needs a CPU with AVX-512 BF16 or AMX.</li>
 * </ul>
 */
public enum Precision {
    FP32,
    BF16;

    /** The name on the command line: {@code fp32} or {@code bf16}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The precision named {@code fp32} or {@code bf16} (any case). */
    public static Precision parse(String name) {
        for (Precision p : values()) {
            if (p.cliName().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new ConfigurationException("unknown precision '" + name + "': use fp32 or bf16");
    }

    /**
     * The products a run in this precision uses on a CPU with {@code cpu}'s features: null for
     * {@link #FP32} (ND4J's fp32 GEMM); for {@link #BF16}, the backend's {@link Bf16Gemm}, or a
     * {@link ConfigurationException} naming the missing CPU feature or the missing backend.
     */
    Bf16Gemm products(CpuFeatures cpu) {
        if (this == FP32) {
            return null;
        }
        cpu.bf16Missing().ifPresent(why -> {
            throw new ConfigurationException(why + "; train with precision fp32");
        });
        Bf16Gemm gemm = Bf16Gemm.find();
        if (gemm == null) {
            throw new ConfigurationException("bf16 precision needs bf16 matrix products from the backend, and none on the classpath "
                    + "provides them (backend-cpu does, on Linux x86-64); train with precision fp32");
        }
        return gemm;
    }
}
