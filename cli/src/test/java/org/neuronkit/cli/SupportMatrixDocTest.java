package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuronkit.support.PathSupport;
import org.neuronkit.support.SupportMatrix;

/**
 * The support matrix over every registry entry × every path this module's class path holds (each registers its
 * {@link PathSupport}): no cell without an answer, and docs/support.md is what the matrix writes today.
 * {@value #REGENERATE} rewrites it.
 */
class SupportMatrixDocTest {
    static final String REGENERATE = "mvn -B -pl cli -am test -Dtest=SupportMatrixDocTest -Dsurefire.failIfNoSpecifiedTests=false "
            + "-Dneuronkit.support.write=true";
    private static final Path DOC = Path.of("..", "docs", "support.md");

    @Test
    void everyCellIsSupportedOrRefusedWithAReason() {
        SupportMatrix matrix = SupportMatrix.found();
        List<String> paths = matrix.paths().stream().map(PathSupport::path).toList();
        assertTrue(paths.containsAll(List.of("CPU", "GPU kernel")), "paths found: " + paths);
        assertEquals(List.of(), matrix.gaps(), "cells without an answer");
    }

    @Test
    void docsSupportMdIsGenerated() throws IOException {
        String markdown = SupportMatrix.found().markdown(REGENERATE);
        if (Boolean.getBoolean("neuronkit.support.write")) {
            Path temporary = DOC.resolveSibling("support.md.tmp");
            Files.writeString(temporary, markdown, StandardCharsets.UTF_8);
            Files.move(temporary, DOC, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        assertEquals(markdown, Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "",
                "docs/support.md is stale (the registries or a path's PathSupport changed): run " + REGENERATE);
    }
}
