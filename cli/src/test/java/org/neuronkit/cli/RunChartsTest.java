package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RunChartsTest {

    @Test
    void chartTitlesNameTheDataSetAndTheRun() {
        assertEquals("fashion-mnist, run 2026-11-28T10-15-02", RunCharts.subject("fashion-mnist", Path.of("runs/2026-11-28T10-15-02")));
        assertEquals("sales.csv, run r1", RunCharts.subject("csv:/data/in/sales.csv", Path.of("/tmp/x/../r1/")));
    }
}
