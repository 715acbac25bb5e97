package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain}: integrated gradients on digits (the completeness column, the heat-map PNG), and on
 * a CSV file with a header (a ranked table under the header's names); permutation importance; bad options.
 */
class ExplainCommandTest {
    @TempDir
    static Path dir;
    static Path digitsRun;

    @BeforeAll
    static void trainDigits() {
        digitsRun = dir.resolve("digits");
        assertEquals(0, run("train", "--data", "digits", "--epochs", "3", "--hidden", "16", "--out", digitsRun.toString()).code());
    }

    /** Every row's |Σ IG − (F(x) − F(x′))| is printed and below 1e-3; the PNG holds 6 pairs of 8 × 8 panels. */
    @Test
    void integratedGradientsOnDigitsWriteHeatMapsAndMeetCompleteness() throws Exception {
        Path out = dir.resolve("maps");
        TrainCommandTest.Result result = run("explain", "--model", digitsRun.toString(), "--rows", "6", "--out", out.toString());
        assertEquals(0, result.code(), result.err());
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.get(0).startsWith("integrated gradients of 6 rows of the test part of digits (split seed 42), 200 steps"), lines.get(0));
        for (int n = 0; n < 6; n++) {
            String[] cells = lines.get(2 + n).trim().split("\\s+");
            double fx = Double.parseDouble(cells[2]);
            double fBaseline = Double.parseDouble(cells[3]);
            double sum = Double.parseDouble(cells[4]);
            assertEquals(fx - fBaseline, sum, 1e-3, lines.get(2 + n));
            assertTrue(Double.parseDouble(cells[5]) < 1e-3, lines.get(2 + n));
        }
        BufferedImage png = ImageIO.read(out.resolve(ExplainCommand.MAPS).toFile());
        assertTrue(png.getWidth() > 4 * 2 * 160 && png.getHeight() > 2 * 160, png.getWidth() + " × " + png.getHeight());
        assertEquals(List.of(ExplainCommand.MAPS), Files.list(out).map(p -> p.getFileName().toString()).toList(), "no temporary file left");
    }

    /**
     * A CSV file whose label is [a + 2b > 0] among noise columns: permutation importance ranks b then a first,
     * named from the header, and writes the same table as CSV; ig ranks them first too.
     */
    @Test
    void aCsvFilesFeaturesAreRankedUnderTheirHeaderNames() throws Exception {
        java.util.Random random = new java.util.Random(2);
        StringBuilder csv = new StringBuilder("noise1,a,noise2,b,label\n");
        for (int r = 0; r < 500; r++) {
            double n1 = random.nextGaussian(), a = random.nextGaussian(), n2 = random.nextGaussian(), b = random.nextGaussian();
            csv.append(String.format(java.util.Locale.ROOT, "%.5f,%.5f,%.5f,%.5f,%d%n", n1, a, n2, b, a + 2 * b > 0 ? 1 : 0));
        }
        Path data = Files.writeString(dir.resolve("synthetic.csv"), csv);
        Path model = dir.resolve("synthetic");
        assertEquals(0, run("train", "--data", data.toString(), "--epochs", "15", "--hidden", "16", "--out", model.toString()).code());
        Path out = dir.resolve("table");
        TrainCommandTest.Result result = run("explain", "--model", model.toString(), "--method", "permutation", "--out", out.toString());
        assertEquals(0, result.code(), result.err());
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.get(0).startsWith("permutation importance on 100 rows of the test part of " + data), lines.get(0));
        assertTrue(lines.get(2).trim().startsWith("1  b "), result.out());
        assertTrue(lines.get(3).trim().startsWith("2  a "), result.out());
        List<String> written = Files.readAllLines(out.resolve(ExplainCommand.PERMUTATION_TABLE));
        assertEquals("rank,feature,accuracy_drop,std", written.get(0));
        assertTrue(written.get(1).startsWith("1,b,") && written.get(2).startsWith("2,a,"), written.toString());

        TrainCommandTest.Result ig = run("explain", "--model", model.toString(), "--rows", "40");
        assertEquals(0, ig.code(), ig.err());
        List<String> igLines = ig.out().lines().toList();
        int table = igLines.indexOf(igLines.stream().filter(l -> l.trim().startsWith("rank")).findFirst().orElseThrow());
        assertTrue(igLines.get(table + 1).trim().startsWith("1  b ") && igLines.get(table + 2).trim().startsWith("2  a "), ig.out());
    }

    @Test
    void badOptionsAreRefusedByName() throws Exception {
        TrainCommandTest.Result method = run("explain", "--model", digitsRun.toString(), "--method", "lime");
        assertEquals(ExitCode.CONFIGURATION.code, method.code());
        assertTrue(method.err().contains("unknown --method 'lime'; known: ig, permutation"), method.err());
        TrainCommandTest.Result baseline = run("explain", "--model", digitsRun.toString(), "--baseline", "blur");
        assertTrue(baseline.err().contains("unknown --baseline 'blur'; known: zeros, mean"), baseline.err());
        Path narrow = Files.writeString(dir.resolve("narrow.csv"), "1,2,3,0\n4,5,6,1\n");
        TrainCommandTest.Result data = run("explain", "--model", digitsRun.toString(), "--data", narrow.toString());
        assertEquals(ExitCode.DATA.code, data.code(), data.err());
        assertTrue(data.err().contains("have 3 features, the model " + digitsRun.resolve("model.safetensors") + " expects 64"), data.err());
    }
}
