package org.neuronkit.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.DataException;

/**
 * The data sets shipped inside the toolkit: 1,797 8×8 handwritten digits (UCI "Optical Recognition of
 * Handwritten Digits", Alpaydin &amp; Kaynak, CC BY 4.0; see DIGITS-CREDIT.md beside the file) and the
 * 442 patients of the diabetes regression set (Efron, Hastie, Johnstone &amp; Tibshirani 2004, as
 * shipped by scikit-learn, BSD-3-Clause; see DIABETES-CREDIT.md).
 */
public final class BundledDatasets {
    private static final String DIGITS = "digits.csv.gz";
    private static final int PIXELS = 64;
    private static final String DIABETES = "diabetes.csv";

    private BundledDatasets() {
    }

    /** The digits, pixel counts 0–16 scaled to [0, 1], labels 0–9, in file order. */
    public static DataSet digits() {
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (InputStream raw = BundledDatasets.class.getResourceAsStream(DIGITS)) {
            if (raw == null) {
                throw new DataException("the bundled " + DIGITS + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            String line;
            while ((line = reader.readLine()) != null) {
                String[] cells = line.split(",");
                float[] pixels = new float[PIXELS];
                for (int j = 0; j < PIXELS; j++) {
                    pixels[j] = Float.parseFloat(cells[j]) / 16f;
                }
                rows.add(pixels);
                labels.add(Integer.parseInt(cells[PIXELS]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the bundled " + DIGITS, e);
        }
        return DataSet.ofClasses(Nd4j.create(rows.toArray(new float[0][])),
                labels.stream().mapToInt(Integer::intValue).toArray(), 10);
    }

    /**
     * The diabetes set: features 442 × 10 (age, sex, bmi, bp, s1–s6, raw values) and targets 442 × 1
     * (disease progression after one year, 25–346), in file order, read by {@link CsvReader}; the
     * target's name is {@code progression}.
     */
    public static CsvReader.CsvData diabetes() {
        try (InputStream raw = BundledDatasets.class.getResourceAsStream(DIABETES)) {
            if (raw == null) {
                throw new DataException("the bundled " + DIABETES + " is missing from the classpath");
            }
            Path copy = Files.createTempFile("neuronkit-diabetes", ".csv");
            try {
                Files.copy(raw, copy, StandardCopyOption.REPLACE_EXISTING);
                return CsvReader.defaults().withHeader(true).withTargets(1).readNamed(copy);
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the bundled " + DIABETES, e);
        }
    }
}
