package org.neuronkit.cuda13;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neuronkit.cuda13.api.CudaEngine;
import org.neuronkit.registry.Registry;
import org.neuronkit.support.Family;
import org.neuronkit.support.PathSupport;
import org.neuronkit.support.Support;
import org.neuronkit.support.SupportMatrix;

/**
 * The GPU column of the support matrix: every registry entry is served or refused with a reason, and what the
 * engine advertises ({@link CudaEngine#served()}) is exactly what the column says is served: no name the
 * registries lack, no served entry the engine does not list.
 */
class GpuSupportTest {
    private final GpuSupport gpu = new GpuSupport();

    @Test
    void everyEntryOfEveryFamilyIsServedOrRefusedWithAReason() {
        SupportMatrix matrix = new SupportMatrix(List.of(gpu));
        assertEquals(List.of(), matrix.gaps());
        for (Family family : Family.values()) {
            for (Registry.Entry<?> entry : family.registry().entries()) {
                Support cell = SupportMatrix.cell(gpu, family, entry);
                assertTrue(cell.supported() || !cell.note().isBlank(), family + " " + entry.name());
            }
        }
    }

    @Test
    void theEngineAdvertisesExactlyTheRegistryNamesTheColumnServes() {
        Map<org.neuronkit.cuda13.api.Family, Set<String>> served = EngineLoader.engine().served();
        Map<org.neuronkit.cuda13.api.Family, Family> families = Map.of(org.neuronkit.cuda13.api.Family.LAYER, Family.LAYER,
                org.neuronkit.cuda13.api.Family.ACTIVATION, Family.ACTIVATION, org.neuronkit.cuda13.api.Family.LOSS, Family.LOSS,
                org.neuronkit.cuda13.api.Family.OPTIMIZER, Family.OPTIMIZER);
        assertEquals(Set.of(org.neuronkit.cuda13.api.Family.values()), families.keySet(), "every engine family has its registry");
        families.forEach((engineFamily, family) -> {
            Set<String> column = new HashSet<>();
            for (Registry.Entry<?> entry : family.registry().entries()) {
                if (SupportMatrix.cell(gpu, family, entry).supported()) {
                    column.add(entry.name());
                }
            }
            assertEquals(column, served.get(engineFamily), family + ": the engine's served names against the registry's served entries");
        });
    }

    @Test
    void whatIssue20NamesIsServedAndTheRestRefusedByName() {
        Set<String> optimizers = EngineLoader.engine().served().get(org.neuronkit.cuda13.api.Family.OPTIMIZER);
        assertEquals(Set.of("sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop", "adagrad"), optimizers);
        assertEquals(Set.of("softmax-cross-entropy", "logistic-cross-entropy", "squared-error", "huber", "mae"),
                EngineLoader.engine().served().get(org.neuronkit.cuda13.api.Family.LOSS));
        assertEquals(Set.of("dense", "output", "dropout", "batchnorm"), EngineLoader.engine().served().get(org.neuronkit.cuda13.api.Family.LAYER));
        Support maxout = SupportMatrix.cell(gpu, Family.LAYER, org.neuronkit.layer.Layers.REGISTRY.entry("maxout"));
        assertFalse(maxout.supported());
        assertEquals("layer 'maxout' has no CUDA 13 kernel yet; served: [dense, output, dropout, batchnorm]", maxout.note());
    }

    @Test
    void theColumnIsRegisteredForTheServiceLoader() {
        assertTrue(SupportMatrix.found().paths().stream().map(PathSupport::path).anyMatch(gpu.path()::equals));
    }
}
