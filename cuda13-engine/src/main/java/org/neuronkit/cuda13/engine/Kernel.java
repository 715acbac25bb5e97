package org.neuronkit.cuda13.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The entry points of {@code kernels.ptx} and their parameter lists, one letter per parameter:
 * {@code i} int (.u32), {@code f} float (.f32), {@code l} long (.u64), {@code p} device pointer (.u64).
 * {@link KernelOps} packs every launch's arguments, checked letter by letter against these; a test holds them
 * against the PTX.
 */
public enum Kernel {
    BIAS_ACTIVATION("bias_activation", "ifpppii"),
    ACTIVATION_BACKWARD("activation_backward", "ifppppl"),
    SOFTMAX_CROSS_ENTROPY("softmax_cross_entropy", "ppppiipp"),
    LOGISTIC_CROSS_ENTROPY("logistic_cross_entropy", "ppppiipp"),
    RESIDUAL_LOSS("residual_loss", "ififpppiipp"),
    COLUMN_SUMS("column_sums", "ppii"),
    PENALTY("penalty", "ppfflpf"),
    BEGIN_STEP("begin_step", "pp"),
    CLIP_BY_VALUE("clip_by_value", "plfp"),
    CLIP_BY_NORM("clip_by_norm", "plfp"),
    NOTE_FIRST_RISK("note_first_risk", "ppfp"),
    FINITE_CHECK("finite_check", "plppp"),
    OPTIMIZER_UPDATE("optimizer_update", "ifffflpppppplp"),
    GATHER_ROWS("gather_rows", "ppppippiii"),
    DROPOUT_FORWARD("dropout_forward", "lfppppl"),
    DROPOUT_BACKWARD("dropout_backward", "pppl"),
    BATCH_NORM_FORWARD("batch_norm_forward", "pppppiiffp"),
    BATCH_NORM_INFERENCE("batch_norm_inference", "pppiif"),
    BATCH_NORM_BACKWARD("batch_norm_backward", "ppppppii");

    /** The PTX's resource name, beside this class. */
    public static final String PTX = "kernels.ptx";

    private final String entry;
    private final String signature;

    Kernel(String entry, String signature) {
        this.entry = entry;
        this.signature = signature;
    }

    /** The name of the {@code .entry} in the PTX. */
    public String entry() {
        return entry;
    }

    public String signature() {
        return signature;
    }

    /** The committed PTX text (generated from kernels.cu by scripts/gen-ptx.sh). */
    public static String ptx() {
        try (InputStream in = Kernel.class.getResourceAsStream(PTX)) {
            if (in == null) {
                throw new IllegalStateException(PTX + " is missing from the engine's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
