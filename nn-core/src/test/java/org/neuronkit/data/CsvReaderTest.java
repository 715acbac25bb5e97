package org.neuronkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.DataException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class CsvReaderTest {
    private static final Path DATASETS = Path.of("/work/shared/datasets");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void readsLabelInAnyColumnWithHeaderAndDelimiter() throws IOException {
        Path file = write("t.csv", "a;label;b\n1.5; 2 ;-3\n\n4e-1;0;5\n");
        DataSet t = CsvReader.defaults().withHeader(true).withDelimiter(';').withLabelColumn(1).withClasses(3)
                .withDataType(DataType.DOUBLE).read(file);
        assertEquals(Nd4j.createFromArray(new double[][] {{1.5, -3}, {0.4, 5}}), t.features());
        assertArrayEquals(new int[] {2, 0}, t.labels());
    }

    @Test
    void defaultIsLastColumnNoHeaderFloat() throws IOException {
        Path file = write("t.csv", "1,2,3\n4,5,6\n7,8,9");
        DataSet t = CsvReader.defaults().read(file);
        assertEquals(DataType.FLOAT, t.features().dataType());
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 2}, {4, 5}, {7, 8}}), t.features());
        assertArrayEquals(new int[] {0, 1, 2}, t.labels(), "the sparse labels 3, 6, 9 become classes 0, 1, 2");
        assertEquals(3, t.numClasses());
        DataSet stated = CsvReader.defaults().withClasses(12).read(file);
        assertEquals(12, stated.numClasses());
        assertArrayEquals(new int[] {3, 6, 9}, stated.labels(), "stated classes are not mapped");
    }

    @Test
    void gzippedFileIsReadByContent() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("0.5,1\n0.25,0\n".getBytes(StandardCharsets.UTF_8));
        }
        Path file = Files.write(dir.resolve("t.csv.gz"), bytes.toByteArray());
        assertArrayEquals(new int[] {1, 0}, CsvReader.defaults().read(file).labels());
    }

    @Test
    void nonNumericCellNamesFileLineAndColumn() throws IOException {
        Path file = write("bad.csv", "h1,h2,h3\n1,2,0\n3,x4,1\n");
        DataException e = assertThrows(DataException.class, () -> CsvReader.defaults().withHeader(true).read(file));
        assertEquals("file " + file + ", line 3, column 2: 'x4' is not a finite number", e.getMessage());

        Path nan = write("nan.csv", "1,NaN,0\n");
        e = assertThrows(DataException.class, () -> CsvReader.defaults().read(nan));
        assertEquals("file " + nan + ", line 1, column 2: 'NaN' is not a finite number", e.getMessage());
    }

    @Test
    void shortAndLongRowsNameTheColumn() throws IOException {
        Path shortRow = write("short.csv", "1,2,0\n\n3,4,1\n5,1\n");
        DataException e = assertThrows(DataException.class, () -> CsvReader.defaults().read(shortRow));
        assertEquals("file " + shortRow + ", line 4, column 3: row has 2 columns, expected 3", e.getMessage());

        Path longRow = write("long.csv", "1,2,0\n3,4,1,9\n");
        e = assertThrows(DataException.class, () -> CsvReader.defaults().read(longRow));
        assertEquals("file " + longRow + ", line 2, column 4: row has 4 columns, expected 3", e.getMessage());
    }

    @Test
    void labelsMustBeClassIndices() throws IOException {
        Path file = write("labels.csv", "1,2,0\n3,4,2.5\n");
        DataException e = assertThrows(DataException.class, () -> CsvReader.defaults().read(file));
        assertEquals("file " + file + ", line 2, column 3: label '2.5' is not a class (an integer or a name); for real-valued targets"
                + " train with --task regression", e.getMessage());

        Path empty = write("empty.csv", "x,y\n\n");
        e = assertThrows(DataException.class, () -> CsvReader.defaults().withHeader(true).read(empty));
        assertEquals("file " + empty + ": no data rows", e.getMessage());

        Path outside = write("outside.csv", "1,2,0\n3,4,5\n");
        e = assertThrows(DataException.class, () -> CsvReader.defaults().withClasses(3).read(outside));
        assertEquals("file " + outside + ", line 2, column 3: label 5 is outside the classes 0..2", e.getMessage());

        Path narrow = write("narrow.csv", "1,2\n");
        e = assertThrows(DataException.class, () -> CsvReader.defaults().withLabelColumn(5).read(narrow));
        assertEquals("file " + narrow + ", line 1: label column 5 is outside the 2 columns", e.getMessage());
    }

    @Test
    void featuresOnlyFilesHaveNoLabelColumn() throws IOException {
        Path file = write("x.csv", "a,b\n1,2\n3.5,-4\n");
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 2}, {3.5f, -4}}), CsvReader.defaults().withHeader(true).readFeatures(file));
        Path bad = write("bad.csv", "1,2\n3,x\n");
        DataException e = assertThrows(DataException.class, () -> CsvReader.defaults().readFeatures(bad));
        assertEquals("file " + bad + ", line 2, column 2: 'x' is not a finite number", e.getMessage());
        Path ragged = write("ragged.csv", "1,2\n3\n");
        e = assertThrows(DataException.class, () -> CsvReader.defaults().readFeatures(ragged));
        assertEquals("file " + ragged + ", line 2, column 2: row has 1 columns, expected 2", e.getMessage());
    }

    @Test
    void readsBundledIrisAndDigits() {
        DataSet iris = CsvReader.defaults().withHeader(true).read(DATASETS.resolve("iris.csv"));
        assertArrayEquals(new long[] {150, 4}, iris.features().shape());
        assertEquals(5.1f, iris.features().getFloat(0, 0));
        int[] perClass = new int[3];
        for (int label : iris.labels()) {
            perClass[label]++;
        }
        assertArrayEquals(new int[] {50, 50, 50}, perClass);

        DataSet digits = CsvReader.defaults().read(DATASETS.resolve("digits.csv.gz"));
        assertArrayEquals(new long[] {1797, 64}, digits.features().shape());
        assertEquals(16.0, digits.features().maxNumber().doubleValue());
    }
}
