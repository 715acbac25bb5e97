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
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.buffer.DataType;
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

    /** The largest pixel count of the digits: each pixel is the number of set cells in a 4×4 block. */
    public static final int DIGITS_MAX_COUNT = 16;

    /**
     * The digits as the file holds them: pixel counts 0–16, labels 0–9, in file order. They are not
     * scaled here, so a model trained on them takes the same raw rows that {@code predict} and ONNX
     * Runtime are given; to train on [0, 1], fit a normaliser (e.g. {@link #digitsScaling()}) and save
     * it with the model ({@code ModelFile.save(network, normalizer, file)}), as {@code neuronkit train} does.
     */
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
                    pixels[j] = Float.parseFloat(cells[j]);
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
     * The fitted normaliser x' = x / {@value #DIGITS_MAX_COUNT} that maps the digits' pixel counts to
     * [0, 1] ({@code minmax(global)} with shift 0 and scale 16), for code that trains on scaled digits:
     * {@code digits().normalizedBy(digitsScaling())}. Save it with the model.
     */
    public static Normalizer digitsScaling() {
        return Normalizer.restore("minmax(global)", Map.of("shift", Nd4j.zeros(DataType.FLOAT, PIXELS),
                "scale", Nd4j.zeros(DataType.FLOAT, PIXELS).addi(DIGITS_MAX_COUNT)));
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
