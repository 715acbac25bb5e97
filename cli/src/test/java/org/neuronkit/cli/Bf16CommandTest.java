package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.backend.Bf16Gemm;
import org.neuronkit.backend.CpuFeatures;

/** {@code info}'s bf16 line and {@code train --precision}. */
class Bf16CommandTest {

    @Test
    void infoSaysWhyBf16CannotRunOnACpuWithoutTheFeature() {
        assertEquals("no: bf16 precision needs a CPU with AVX-512 BF16 (avx512_bf16) or AMX (amx_bf16), and test flags list neither",
                InfoCommand.bf16Support(CpuFeatures.of("test flags", Set.of("avx2", "avx512f")), null));
    }

    @Test
    void infoNamesTheFeatureAndTheLibraryWhereBf16Runs() {
        Bf16Gemm library = new Bf16Gemm() {
            @Override
            public boolean isActive() {
                return true;
            }

            @Override
            public String describe() {
                return "test products";
            }

            @Override
            public Rounded round(INDArray source, Rounded into) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void gemm(Rounded a, boolean transposeA, Rounded b, boolean transposeB, INDArray c) {
                throw new UnsupportedOperationException();
            }
        };
        assertEquals("yes (avx512_bf16; test products)", InfoCommand.bf16Support(CpuFeatures.of("t", Set.of("avx512_bf16")), library));
        assertEquals("no: the CPU has amx_bf16, but no backend on the classpath provides bf16 products",
                InfoCommand.bf16Support(CpuFeatures.of("t", Set.of("amx_bf16")), null));
    }

    @Test
    void infoPrintsTheBf16Line() {
        TrainCommandTest.Result result = TrainCommandTest.run("info");
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().lines().anyMatch(l -> l.matches("bf16 +(yes \\(.*\\)|no: .*)")), result.out());
    }

    @Test
    void anUnknownPrecisionIsAUsageError(@TempDir Path dir) {
        TrainCommandTest.Result result = TrainCommandTest.run("train", "--precision", "fp16", "--out", dir.resolve("run").toString());
        assertEquals(ExitCode.USAGE.code, result.code());
        assertTrue(result.err().contains("unknown precision 'fp16': use fp32 or bf16"), result.err());
        assertFalse(Files.exists(dir.resolve("run")));
    }

    @Test
    void trainsInBf16WhereTheCpuHasIt(@TempDir Path dir) throws Exception {
        assumeTrue(CpuFeatures.probe().bf16Feature().isPresent(), "this CPU has no avx512_bf16 or amx_bf16");
        Path run = dir.resolve("run");
        TrainCommandTest.Result result = TrainCommandTest.run("train", "--precision", "bf16", "--epochs", "3", "--hidden", "32", "--out",
                run.toString());
        assertEquals(0, result.code(), result.err());
        assertTrue(Files.exists(run.resolve("model.safetensors")));
    }
}
