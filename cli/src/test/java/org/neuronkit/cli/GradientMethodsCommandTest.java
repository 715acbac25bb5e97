package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GradientMethodsCommandTest {

    @Test
    void everyMethodGivesTheSpecsQuarterAndTheTableShrinksThenGrows() {
        TrainCommandTest.Result result = TrainCommandTest.run("study", "gradients");
        assertEquals(0, result.code(), result.err());
        List<String> lines = result.out().lines().toList();
        for (String method : new String[] {"reverse mode", "forward mode", "symbolic", "central differences"}) {
            String row = lines.stream().filter(l -> l.startsWith(method)).findFirst().orElseThrow(() -> new AssertionError(method + " missing:\n" + result.out()));
            String[] cells = row.trim().split("\\s+");
            assertEquals(0.25, Double.parseDouble(cells[cells.length - 2]), 1e-9, row);
            assertEquals(0.25, Double.parseDouble(cells[cells.length - 1]), 1e-9, row);
        }
        assertTrue(result.out().contains("h1") || result.out().contains("exp"), result.out());
        List<String> table = lines.subList(lines.indexOf(lines.stream().filter(l -> l.trim().startsWith("h ")).findFirst().orElseThrow()) + 1, lines.size());
        assertEquals(12, table.size(), result.out());
        double central1e1 = Double.parseDouble(table.get(0).trim().split("\\s+")[2]);
        double central1e5 = Double.parseDouble(table.get(4).trim().split("\\s+")[2]);
        double central1e12 = Double.parseDouble(table.get(11).trim().split("\\s+")[2]);
        assertTrue(central1e5 < central1e1 && central1e5 < central1e12, "the error falls, then round-off takes over:\n" + result.out());
    }
}
