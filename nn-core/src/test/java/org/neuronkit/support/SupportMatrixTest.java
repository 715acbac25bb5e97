package org.neuronkit.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuronkit.registry.Registry;

class SupportMatrixTest {

    /** A path that knows activations only and forgets the rest. */
    private static final class Forgetful implements PathSupport {
        @Override
        public String path() {
            return "Forgetful";
        }

        @Override
        public Support support(Family family, Registry.Entry<?> entry) {
            if (family == Family.ACTIVATION) {
                return entry.name().equals("relu") ? Support.yes() : Support.refused("only relu | nothing else");
            }
            if (family == Family.LOSS) {
                throw new UnsupportedOperationException("losses");
            }
            return null;
        }
    }

    /** A path that serves relu only, and says so for every other entry. */
    private static final class Picky implements PathSupport {
        @Override
        public String path() {
            return "Picky";
        }

        @Override
        public Support support(Family family, Registry.Entry<?> entry) {
            return family == Family.ACTIVATION && entry.name().equals("relu") ? Support.yes() : Support.refused("only relu | nothing else");
        }
    }

    @Test
    void theCpuPathIsFoundAndServesEveryEntry() {
        SupportMatrix matrix = SupportMatrix.found();
        assertTrue(matrix.paths().stream().anyMatch(p -> p instanceof CpuSupport), "CpuSupport registered for ServiceLoader");
        assertEquals(List.of(), matrix.gaps());
        for (Family family : Family.values()) {
            for (Registry.Entry<?> entry : family.registry().entries()) {
                assertTrue(SupportMatrix.cell(new CpuSupport(), family, entry).supported(), entry.name());
            }
        }
    }

    @Test
    void cellsWithoutAnAnswerAreGapsNamingPathAndEntry() {
        List<String> gaps = new SupportMatrix(List.of(new CpuSupport(), new Forgetful())).gaps();
        int answered = Family.ACTIVATION.registry().entries().size();
        int all = 0;
        for (Family family : Family.values()) {
            all += family.registry().entries().size();
        }
        assertEquals(all - answered, gaps.size(), String.join("\n", gaps));
        assertTrue(gaps.contains("Forgetful × dense (Layers): " + Forgetful.class.getName() + " gave no answer"), gaps.get(0));
        assertTrue(gaps.stream().anyMatch(g -> g.startsWith("Forgetful × mae (Losses): ") && g.contains("failed instead of answering")
                && g.contains("UnsupportedOperationException: losses")), String.join("\n", gaps));
    }

    @Test
    void aRefusalNeedsAReason() {
        assertThrows(IllegalArgumentException.class, () -> Support.refused(" "));
        assertEquals("", Support.yes().note());
    }

    @Test
    void markdownHasARowPerEntryAndAColumnPerPathInNameOrder() {
        assertThrows(IllegalStateException.class, () -> new SupportMatrix(List.of(new Forgetful())).markdown("make it"));
        SupportMatrix matrix = new SupportMatrix(List.of(new Picky(), new CpuSupport()));
        String activations = matrix.markdown("make it").split("## ")[1];
        assertTrue(activations.startsWith("Activations\n\n| | CPU | Picky |\n|---|---|---|\n"), activations);
        assertTrue(activations.contains("| `relu` | yes | yes |\n"), activations);
        assertTrue(activations.contains("| `leakyrelu(γ)` | yes | no: only relu \\| nothing else |\n"), activations);
        assertEquals(Family.ACTIVATION.registry().entries().size() + 4, activations.strip().lines().count(), activations);   // title, blank, head, rule, rows
    }
}
