package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyCommandTest {

    @Test
    void vanishingPrintsATableAndWritesCsvAndChart(@TempDir Path dir) throws Exception {
        TrainCommandTest.Result result = TrainCommandTest.run("study", "vanishing", "--hidden", "8,8,8,8", "--epochs", "1",
                "--activations", "logistic,relu", "--out", dir.toString());
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().startsWith("vanishing gradients: 4 hidden layers of 8, "), result.out());
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+5(\\s+\\S+){4}")), result.out());   // 4 hidden + output, 2 × (start, trained)
        assertTrue(result.out().contains("logistic: ‖δ⁽¹⁾‖ = "), result.out());
        List<String> csv = Files.readAllLines(dir.resolve(VanishingStudyCommand.CSV));
        assertEquals("activation,phase,layer,delta_norm,weight_gradient_norm,weight_norm", csv.get(0));
        assertEquals(1 + 2 * 2 * 5, csv.size());
        FiguresCommandTest.assertChart(dir.resolve("vanishing-gradients.png"));
    }

    @Test
    void vanishingRefusesHiddenLayersOfDifferentSizes(@TempDir Path dir) {
        TrainCommandTest.Result result = TrainCommandTest.run("study", "vanishing", "--hidden", "8,4", "--out", dir.toString());
        assertEquals(ExitCode.CONFIGURATION.code, result.code());
        assertEquals("neuronkit: study vanishing --hidden 8,4: the study compares layers of one width, so give equal sizes (e.g. 16,16,16)",
                result.err().strip());
    }

    @Test
    void surfaceWritesBothHeatMapsAndGrids(@TempDir Path dir) throws Exception {
        TrainCommandTest.Result result = TrainCommandTest.run("study", "surface", "--points", "11", "--out", dir.toString());
        assertEquals(0, result.code(), result.err());
        for (String id : List.of("loss-surface-squared-error", "loss-surface-cross-entropy")) {
            FiguresCommandTest.assertChart(dir.resolve(id + ".png"));
            List<String> csv = Files.readAllLines(dir.resolve(id + ".csv"));
            assertEquals(1 + 11 * 11, csv.size());
        }
        // at w = 0 the 1-1-1 output is ½: squared error ⅛ — the CSV's centre row says so
        assertTrue(Files.readAllLines(dir.resolve("loss-surface-squared-error.csv")).contains("0.0,0.0,0.125"));
    }

    @Test
    void approximationPrintsErrorPerWidth(@TempDir Path dir) throws Exception {
        TrainCommandTest.Result result = TrainCommandTest.run("study", "approximation", "--function", "abs", "--widths", "1,8",
                "--steps", "200", "--samples", "40", "--out", dir.toString());
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().lines().anyMatch(l -> l.matches("\\s+8\\s+\\S+e-\\d+\\s+\\S+")), result.out());
        assertEquals("x,truth,M1,M8", Files.readAllLines(dir.resolve(ApproximationStudyCommand.CSV)).get(0));
        FiguresCommandTest.assertChart(dir.resolve("approximation-fits.png"));
        FiguresCommandTest.assertChart(dir.resolve("approximation-error.png"));
    }

    @Test
    void unknownFunctionIsNamed(@TempDir Path dir) {
        TrainCommandTest.Result result = TrainCommandTest.run("study", "approximation", "--function", "tan", "--out", dir.toString());
        assertEquals(ExitCode.CONFIGURATION.code, result.code());
        assertEquals("neuronkit: unknown target function 'tan'; known: sin, abs, gaussian, sawtooth", result.err().strip());
    }

    @Test
    void trainDiagnosePrintsGradientTablesAndWritesThem(@TempDir Path dir) throws Exception {
        TrainCommandTest.Result result = TrainCommandTest.run("train", "--epochs", "2", "--hidden", "16,8", "--validation", "0", "--diagnose",
                "--out", dir.toString());
        assertEquals(0, result.code(), result.err());
        assertEquals(3, result.out().lines().filter(l -> l.startsWith("  gradients at epoch")).count(), result.out());
        assertTrue(result.out().contains("  gradients at epoch 2, step 45 (step 90 overall)"), result.out());
        List<String> csv = Files.readAllLines(dir.resolve(GradientTable.CSV));
        assertEquals("epoch,step,global_step,layer,description,delta_norm,weight_gradient_norm,weight_norm,update_ratio", csv.get(0));
        assertEquals(1 + 3 * 3, csv.size());
        assertTrue(csv.get(1).startsWith("1,1,1,1,\"Dense(64 → 16, relu)\","), csv.get(1));
        FiguresCommandTest.assertChart(dir.resolve(GradientTable.PNG));
    }
}
