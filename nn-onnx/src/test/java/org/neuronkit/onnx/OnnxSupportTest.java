package org.neuronkit.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.registry.Registry;
import org.neuronkit.support.Family;
import org.neuronkit.support.PathSupport;
import org.neuronkit.support.Support;
import org.neuronkit.support.SupportMatrix;

/**
 * The ONNX paths answer the support matrix through ServiceLoader: every activation, layer kind, loss and
 * normaliser is exported and read back, optimizers and schedules are refused with the reason, and a path's
 * refusal carries its own error message. Import's note tells the layer kinds that other exporters' graphs
 * give back (dense and output, as Gemm) from those only NeuronKit's record does (maxout, batch norm, and
 * dropout, which is nothing in a graph).
 */
class OnnxSupportTest {

    @Test
    void bothOnnxPathsAreFoundAndAnswerEveryEntryWithoutAGap() {
        Set<String> paths = SupportMatrix.found().paths().stream().map(PathSupport::path).collect(Collectors.toSet());
        assertTrue(paths.containsAll(Set.of("ONNX export", "ONNX import")), paths.toString());
        for (PathSupport path : List.of(new OnnxExportSupport(), new OnnxImportSupport())) {
            for (Family family : Family.values()) {
                boolean model = family != Family.OPTIMIZER && family != Family.SCHEDULE;
                for (Registry.Entry<?> entry : family.registry().entries()) {
                    Support support = SupportMatrix.cell(path, family, entry);
                    assertEquals(model, support.supported(), path.path() + " × " + entry.name() + ": " + support.note());
                    if (!model) {
                        assertTrue(support.note().startsWith("training, not part of a model"), support.note());
                    }
                    if (path instanceof OnnxImportSupport && family == Family.LAYER) {
                        assertEquals(entry.name().equals("dense") || entry.name().equals("output"),
                                support.note().startsWith("also from graphs without"), entry.name() + ": " + support.note());
                    }
                }
            }
        }
    }

    @Test
    void aRefusalCarriesThePathsMessageNamingTheExample() {
        Support support = SupportProbe.answer(Family.ACTIVATION, Activations.REGISTRY.entry("leakyrelu"), model -> {
            throw new ConfigurationException("activation 'leakyrelu(0.01)' has no ONNX form");
        });
        assertFalse(support.supported());
        assertEquals("'leakyrelu(0.01)': activation 'leakyrelu(0.01)' has no ONNX form", support.note());
    }
}
