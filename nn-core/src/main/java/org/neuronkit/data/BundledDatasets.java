package org.neuronkit.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.DataException;

/**
 * The data set shipped inside the toolkit: 1,797 8×8 handwritten digits (UCI "Optical Recognition of
 * Handwritten Digits", Alpaydin &amp; Kaynak, CC BY 4.0; see DIGITS-CREDIT.md beside the file).
 */
public final class BundledDatasets {
    private static final String DIGITS = "digits.csv.gz";
    private static final int PIXELS = 64;

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
}
