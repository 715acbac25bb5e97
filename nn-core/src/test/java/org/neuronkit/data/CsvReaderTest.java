package org.neuronkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        assertEquals("file " + file + ", line 3, column 2: 'x4' is not a finite number (column 2 (h2) holds numbers on earlier lines:"
                + " give --categorical-columns h2 to read its cells as categories, or leave it out with --ignore-columns h2)", e.getMessage());

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
        assertEquals("file " + narrow + ", line 1: label column 6 is outside the 2 columns", e.getMessage(), "index 5 is column 6");
        e = assertThrows(DataException.class, () -> CsvReader.defaults().withLabelColumn("3").read(narrow));
        assertEquals("file " + narrow + ", line 1: label column 3 is outside the 2 columns", e.getMessage(), "--label-column 3, as given");
    }

    @Test
    void featuresOnlyFilesHaveNoLabelColumn() throws IOException {
        Path file = write("x.csv", "a,b\n1,2\n3.5,-4\n");
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 2}, {3.5f, -4}}), CsvReader.defaults().withHeader(true).readFeatures(file));
        Path bad = write("bad.csv", "1,2\n3,x\n");
        DataException e = assertThrows(DataException.class, () -> CsvReader.defaults().readFeatures(bad));
        assertEquals("file " + bad + ", line 2, column 2: 'x' is not a finite number (column 2 holds numbers on earlier lines: give"
                + " --categorical-columns 2 to read its cells as categories, or leave it out with --ignore-columns 2)", e.getMessage());
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

    // CSV files as users have them: text labels, sparse labels, headers, other delimiters, quoting, regression targets

    @Test
    void textLabelsBecomeSortedClassesWithTheirNames() throws IOException {
        Path file = write("flowers.csv", "sepal,petal,species\n1,2,virginica\n3,4,setosa\n5,6,versicolor\n7,8,setosa\n");
        CsvReader.CsvData read = CsvReader.defaults().readNamed(file);
        assertEquals(List.of("setosa", "versicolor", "virginica"), read.outputNames());
        assertArrayEquals(new int[] {2, 0, 1, 0}, read.data().labels());
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}}), read.data().features(),
                "the header row is detected and skipped");
    }

    @Test
    void sparseIntegerLabelsAreMappedWithANoticeNamingTheMapping() {
        LabelCoding.Inference labels = new LabelCoding.Inference(Path.of("codes.csv"));
        int[] ids = {labels.add("10", 1, 2), labels.add("0", 2, 2), labels.add("5.0", 3, 2), labels.add("5", 4, 2)};
        LabelCoding coding = labels.coding(4);
        assertEquals(List.of("0", "5", "10"), coding.names());
        assertEquals("file codes.csv: the 3 labels are not 0..2; mapped to classes: 0 → 0, 5 → 1, 10 → 2", coding.notice());
        int[] classOfId = labels.classOfId(coding);
        assertArrayEquals(new int[] {2, 0, 1, 1}, new int[] {classOfId[ids[0]], classOfId[ids[1]], classOfId[ids[2]], classOfId[ids[3]]});

        LabelCoding.Inference oneToThree = new LabelCoding.Inference(Path.of("f.csv"));
        for (String label : new String[] {"1", "2", "3"}) {
            oneToThree.add(label, 1, 0);
        }
        assertEquals("file f.csv: the 3 labels are not 0..2; mapped to classes: 1 → 0, 2 → 1, 3 → 2", oneToThree.coding(3).notice());

        LabelCoding.Inference dense = new LabelCoding.Inference(Path.of("f.csv"));
        for (String label : new String[] {"2", "0", "1"}) {
            dense.add(label, 1, 0);
        }
        assertNull(dense.coding(3).notice(), "labels 0..C-1 keep their index without a notice");
    }

    /** A regression file read as classes would train a 214-class classifier: its labels are refused with the hint. */
    @Test
    void continuousOrNearlyUniqueLabelsAreRefusedWithTheRegressionHint() throws IOException {
        Path diabetes = dir.resolve("diabetes.csv");
        try (var in = BundledDatasets.class.getResourceAsStream("diabetes.csv")) {
            Files.copy(in, diabetes);
        }
        DataException e = assertThrows(DataException.class, () -> CsvReader.defaults().read(diabetes));
        assertEquals("file " + diabetes + ": the label column has 214 different values in 442 rows (25 … 346): a real-valued target"
                + " or an identifier, not classes; for a target train with --task regression, for another label column give"
                + " --label-column", e.getMessage());
        assertEquals(442, CsvReader.defaults().withTargets(1).read(diabetes).size(), "as regression targets it is read");

        StringBuilder ids = new StringBuilder();
        StringBuilder classes = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            ids.append(i).append(",row").append(i).append('\n');
            classes.append(i).append(',').append(i % 21).append('\n');
        }
        assertThrows(DataException.class, () -> CsvReader.defaults().read(write("ids.csv", ids.toString())),
                "100 distinct names in 100 rows are identifiers");
        assertEquals(21, CsvReader.defaults().read(write("classes.csv", classes.toString())).numClasses(),
                "21 classes 0..20 in 100 rows are classes");
        assertFalse(LabelCoding.Inference.looksContinuous(20, 20, true), "20 labels or fewer are always classes");
        assertTrue(LabelCoding.Inference.looksContinuous(21, 200, true), "21 sparse integers in 200 rows");
        assertFalse(LabelCoding.Inference.looksContinuous(21, 220, true));
    }

    /** CSV files as they come: the label elsewhere, an id column, class names in a scikit-learn header. */
    @Test
    void labelColumnByNameOrNumberIgnoredColumnsAndHeaderClassNames() throws IOException {
        Path file = write("patients.csv", "id,outcome,age,bmi\n101,sick,50,31.5\n102,well,40,22.0\n103,sick,61,29.1\n");
        CsvReader.CsvData byName = CsvReader.defaults().withLabelColumn("outcome").withIgnoredColumns(List.of("id")).readNamed(file);
        assertEquals(List.of("sick", "well"), byName.outputNames());
        assertArrayEquals(new int[] {0, 1, 0}, byName.data().labels());
        assertEquals(Nd4j.createFromArray(new float[][] {{50, 31.5f}, {40, 22}, {61, 29.1f}}), byName.data().features());
        CsvReader.CsvData byNumber = CsvReader.defaults().withLabelColumn("2").withIgnoredColumns(List.of("1")).readNamed(file);
        assertEquals(byName.data().features(), byNumber.data().features());

        DataException unknown = assertThrows(DataException.class, () -> CsvReader.defaults().withLabelColumn("result").read(file));
        assertEquals("file " + file + ": --label-column result is not a column of the header id, outcome, age, bmi", unknown.getMessage());

        Path sklearn = write("cancer.csv", "4,2,malignant,benign\n1.5,2,0\n2.5,1,1\n0.5,3,0\n1.0,1,1\n");
        CsvReader.CsvData named = CsvReader.defaults().readNamed(sklearn);
        assertEquals(List.of("malignant", "benign"), named.outputNames(), "the header's class names");
        assertEquals(2, named.data().featureCount());
    }

    @Test
    void missingValuesFailNamingTheOptionOrAreDroppedOrFilledWithTheMean() throws IOException {
        Path file = write("gaps.csv", "a,b,label\n1,10,x\n,20,y\n3,NA,x\n5,?,y\n");
        DataException e = assertThrows(DataException.class, () -> CsvReader.defaults().read(file));
        assertEquals("file " + file + ", line 3, column 1 (a): missing value '' (give --missing drop to leave out rows with missing"
                + " values, or --missing mean to fill in the column's mean)", e.getMessage());
        DataSet dropped = CsvReader.defaults().withMissing(Missing.DROP).read(file);
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 10}}), dropped.features());
        CsvReader.CsvData read = CsvReader.defaults().withMissing(Missing.MEAN).readNamed(file);
        assertTrue(read.data().hasMissingValues(), "the means are fitted later, on the training split");
        assertTrue(Double.isNaN(read.data().features().getDouble(1, 0)));
        DataSet filled = read.data().filledBy(read.encoding().withMeansOf(read.data().features()));
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 10}, {3, 20}, {3, 15}, {5, 15}}), filled.features(),
                "a: mean of 1, 3, 5; b: mean of 10, 20");
        Path label = write("nolabel.csv", "1,2,x\n3,4,\n");
        assertTrue(assertThrows(DataException.class, () -> CsvReader.defaults().withMissing(Missing.MEAN).read(label)).getMessage()
                .contains("missing label ''"));
    }

    @Test
    void decimalCommasAreDetectedInSemicolonFilesAndTheHeaderHintOnlyComesForAHeader() throws IOException {
        Path comma = write("comma.csv", "weight;height;kind\n1,5;170;a\n2,25;180;b\n");
        assertEquals(Nd4j.createFromArray(new float[][] {{1.5f, 170}, {2.25f, 180}}), CsvReader.defaults().read(comma).features());
        Path stated = write("stated.csv", "1,5;170;0\n2,25;180;1\n");
        assertEquals(1.5f, CsvReader.defaults().withDecimalComma(true).read(stated).features().getFloat(0, 0));

        Path colour = write("colour.csv", "1,2,0\n2,red,1\n");
        DataException e = assertThrows(DataException.class, () -> CsvReader.defaults().read(colour));
        assertEquals("file " + colour + ", line 2, column 2: 'red' is not a finite number (column 2 holds numbers on earlier lines:"
                + " give --categorical-columns 2 to read its cells as categories, or leave it out with --ignore-columns 2)", e.getMessage(),
                "no --csv-header hint: the first line is data");
        assertEquals(2, CsvReader.defaults().withIgnoredColumns(List.of("2")).read(colour).size());
    }

    @Test
    void statedClassNamesRefuseAnUnknownLabel() throws IOException {
        Path file = write("test.csv", "1,2,setosa\n3,4,versicolor\n");
        DataSet data = CsvReader.defaults().withClassNames(List.of("setosa", "versicolor", "virginica")).read(file);
        assertEquals(3, data.numClasses());
        assertArrayEquals(new int[] {0, 1}, data.labels());
        DataException e = assertThrows(DataException.class,
                () -> CsvReader.defaults().withClassNames(List.of("setosa", "virginica")).read(file));
        assertEquals("file " + file + ", line 2, column 3: label 'versicolor' is not one of the 2 classes setosa, virginica", e.getMessage());
    }

    @Test
    void headerIsDetectedWhereTheFirstRowIsTextAndLaterRowsAreNumbers() {
        assertTrue(CsvDialect.detectHeader(CsvCells.parse("age,bmi,progression\n59,32.1,151\n48,21.6,75\n", ',', Path.of("d"))));
        assertTrue(CsvDialect.detectHeader(CsvCells.parse("150,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,0\n", ',', Path.of("i"))),
                "scikit-learn's iris header: counts, then class names over numeric columns");
        assertFalse(CsvDialect.detectHeader(CsvCells.parse("1,2,setosa\n3,4,virginica\n", ',', Path.of("t"))),
                "text only in the label column, as in every row, is data");
        assertFalse(CsvDialect.detectHeader(CsvCells.parse("1,2,0\n", ',', Path.of("one"))));
    }

    @Test
    void anUndetectableHeaderFailsSuggestingCsvHeader() throws IOException {
        Path file = write("names.csv", "name,size,label\nfoo,1,small\nbar,big,large\n");
        DataException e = assertThrows(DataException.class, () -> CsvReader.defaults().withLabelColumn(-1).read(file));
        assertEquals("file " + file + ", line 1, column 1: 'name' is not a finite number (if line 1 is a header, give --csv-header)",
                e.getMessage());
        Path single = write("single.csv", "x,y\n");
        e = assertThrows(DataException.class, () -> CsvReader.defaults().readFeatures(single));
        assertEquals("file " + single + ", line 1, column 1: 'x' is not a finite number (if line 1 is a header, give --csv-header)",
                e.getMessage());
        e = assertThrows(DataException.class, () -> CsvReader.defaults().withHeader(true).readFeatures(single));
        assertEquals("file " + single + ": no data rows", e.getMessage());
    }

    @Test
    void delimiterIsDetected() throws IOException {
        float[][] expected = {{1.5f, 2}, {3, 4}};
        Path semicolon = write("semi.csv", "a;b;class\n1.5;2;0\n3;4;1\n");
        Path tab = write("tab.tsv", "1.5\t2\t0\n3\t4\t1\n");
        for (Path file : List.of(semicolon, tab)) {
            DataSet data = CsvReader.defaults().read(file);
            assertEquals(Nd4j.createFromArray(expected), data.features(), file.toString());
            assertArrayEquals(new int[] {0, 1}, data.labels());
        }
        assertEquals(';', CsvDialect.detectDelimiter("1,5;2,25;0\n3,0;4,5;1\n"), "decimal commas do not hide the ; delimiter");
        assertEquals(',', CsvDialect.detectDelimiter("1,2,0\n3,4,1\n"));
        assertEquals(',', CsvDialect.detectDelimiter("1\n2\n"));
        Path decimalCommas = write("comma.csv", "1,5;2;0\n");
        assertEquals(1.5f, CsvReader.defaults().read(decimalCommas).features().getFloat(0, 0), "the decimal comma is detected");
        DataException e = assertThrows(DataException.class, () -> CsvReader.defaults().withDecimalComma(false).read(decimalCommas));
        assertEquals("file " + decimalCommas + ", line 1, column 1: '1,5' is not a finite number (a decimal comma? give --decimal-comma)",
                e.getMessage());
    }

    @Test
    void quotedCellsAreParsedAsCsv() throws IOException {
        Path file = write("quoted.csv", "\"sepal, cm\",\"petal\",species\n\"1\",2,\"iris setosa\"\n3,4,\"iris \"\"virginica\"\"\"\n");
        CsvReader.CsvData read = CsvReader.defaults().readNamed(file);
        assertEquals(List.of("iris \"virginica\"", "iris setosa"), read.outputNames());
        assertArrayEquals(new int[] {1, 0}, read.data().labels());
        Path broken = write("broken.csv", "1,2,0\n3,\"4,1\n");
        DataException e = assertThrows(DataException.class, () -> CsvReader.defaults().withHeader(false).read(broken));
        assertTrue(e.getMessage().startsWith("file " + broken + ", line 3: not valid CSV: "), e.getMessage());
    }

    @Test
    void regressionTargetsAreTheLastColumns() throws IOException {
        Path file = write("reg.csv", "x1,x2,y1,y2\n1,2,0.5,-1\n3,4,1.5,2e3\n");
        CsvReader.CsvData read = CsvReader.defaults().withTargets(2).withDataType(DataType.DOUBLE).readNamed(file);
        assertEquals(List.of("y1", "y2"), read.outputNames());
        assertFalse(read.data().isClassification());
        assertEquals(Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}}), read.data().features());
        assertEquals(Nd4j.createFromArray(new double[][] {{0.5, -1}, {1.5, 2000}}), read.data().targets());
        Path bare = write("bare.csv", "1,2,0.5\n3,4,1.5\n");
        assertEquals(List.of("target1"), CsvReader.defaults().withTargets(1).readNamed(bare).outputNames());
        DataException e = assertThrows(DataException.class, () -> CsvReader.defaults().withTargets(3).read(bare));
        assertEquals("file " + bare + ", line 1: 3 target columns leave no feature among the 3 columns", e.getMessage());
        Path bad = write("bad.csv", "1,2,0.5\n3,4,n/a\n");
        e = assertThrows(DataException.class, () -> CsvReader.defaults().withTargets(1).read(bad));
        assertEquals("file " + bad + ", line 2, column 3: missing target 'n/a' (give --missing drop to leave out rows with missing"
                + " values; --missing mean fills in features only)", e.getMessage());
    }

    @Test
    void streamedTextLabelsKeepTheirNamesAndCheckEveryRow() throws IOException {
        StringBuilder csv = new StringBuilder("f1;f2;kind\n");
        String[] kinds = {"cat", "dog", "emu"};
        for (int i = 0; i < 30; i++) {
            csv.append(i).append(';').append(-i).append(';').append(kinds[i % 3]).append('\n');
        }
        Path file = write("animals.csv", csv.toString());
        try (BatchSource source = BatchSource.csv(file, CsvReader.defaults(), 8, 10, 1)) {
            assertEquals(List.of("cat", "dog", "emu"), source.classNames());
            assertEquals(3, source.targetCount());
            assertEquals(30, source.size());
            DataSet head = source.firstRows(4);
            assertArrayEquals(new int[] {0, 1, 2, 0}, head.labels());
            assertEquals(3.0, head.features().getDouble(3, 0));
        }
        Path bad = write("bad.csv", csv + "1;2;cat\n3;x;dog\n");
        DataException e = assertThrows(DataException.class, () -> BatchSource.csv(bad, CsvReader.defaults(), 8, 10, 1));
        assertEquals("file " + bad + ", line 33, column 2: 'x' is not a finite number (column 2 (f2) holds numbers on earlier lines:"
                + " give --categorical-columns f2 to read its cells as categories, or leave it out with --ignore-columns f2)", e.getMessage());
        DataException loaded = assertThrows(DataException.class, () -> CsvReader.defaults().read(bad));
        assertEquals(loaded.getMessage(), e.getMessage(), "streamed and loaded, the same message");
    }

    /**
     * A model's columns are read by the names of the file's header, in the model's order, whatever the file's
     * order and extra columns; a column the model reads that the header lacks fails naming it; names a header-less
     * training file gave (column1 …) are read by position.
     */
    @Test
    void aModelsColumnsAreReadByHeaderName() throws IOException {
        InputEncoding abc = InputEncoding.of(List.of(InputEncoding.Column.numeric("a"), InputEncoding.Column.numeric("b"),
                InputEncoding.Column.numeric("c")));
        CsvReader reader = CsvReader.defaults().withHeader(true).withEncoding(abc, UnknownCategory.ERROR);
        float[][] expected = {{1, 2, 3}, {4, 5, 6}};
        Path reordered = write("reordered.csv", "c,id,a,b\n3,100,1,2\n6,200,4,5\n");
        assertArrayEquals(expected, reader.readFeatures(reordered).toFloatMatrix(), "c, id, a, b read as a, b, c; id left out");
        Path labelled = write("labelled.csv", "label,b,a,c\nx,2,1,3\ny,5,4,6\n");
        DataSet read = reader.withLabelColumn("label").withClassNames(List.of("x", "y")).read(labelled);
        assertArrayEquals(expected, read.features().toFloatMatrix());
        assertArrayEquals(new int[] {0, 1}, read.labels());

        Path renamed = write("renamed.csv", "a,b,d\n1,2,3\n");
        DataException e = assertThrows(DataException.class, () -> reader.readFeatures(renamed));
        assertEquals("file " + renamed + " has no column named c, which the model reads (it was trained on the columns a, b, c; the"
                + " file's header: a, b, d); rename the file's columns to the model's", e.getMessage());

        InputEncoding positional = InputEncoding.of(List.of(InputEncoding.Column.numeric("column1"), InputEncoding.Column.numeric("column2")));
        Path any = write("any.csv", "q,r\n7,8\n");
        assertArrayEquals(new float[][] {{7, 8}}, CsvReader.defaults().withHeader(true).withEncoding(positional, UnknownCategory.ERROR)
                .readFeatures(any).toFloatMatrix(), "a model trained without a header reads by position");
    }

    /** Java's number suffixes and hex floats are not CSV numbers; a value beyond FLOAT's range fails naming its cell, and DOUBLE takes it. */
    @Test
    void onlyDecimalNumbersWithinTheTypesRangeAreRead() throws IOException {
        for (String cell : new String[] {"2.9762d", "-1.39f", "0.96D", "0x1p1"}) {
            Path file = write("java.csv", "1,2,0\n3," + cell + ",1\n");
            DataException e = assertThrows(DataException.class, () -> CsvReader.defaults().read(file), cell);
            assertTrue(e.getMessage().startsWith("file " + file + ", line 2, column 2: '" + cell + "' is not a finite number"), e.getMessage());
        }
        Path huge = write("huge.csv", "1,2,0\n3,1e300,1\n");
        DataException e = assertThrows(DataException.class, () -> CsvReader.defaults().read(huge));
        assertEquals("file " + huge + ", line 2, column 2: '1e300' is beyond FLOAT's range (±3.4028235E38)", e.getMessage());
        assertEquals(1e300, CsvReader.defaults().withDataType(DataType.DOUBLE).read(huge).features().getDouble(1, 1), 0);
        Path plain = write("plain.csv", "1,+2.5,0\n3, .5e1 ,1\n-4.,7E-1,0\n");
        assertArrayEquals(new float[][] {{1, 2.5f}, {3, 5}, {-4, 0.7f}}, CsvReader.defaults().read(plain).features().toFloatMatrix());
    }

    /** A header of numbers (wavelengths, years) is read as data: its label cell becomes a class of one sample, which is warned about. */
    @Test
    void aClassMadeOfTheFirstRowAloneIsWarnedAbout() throws IOException {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(CsvReader.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> warnings = new ch.qos.logback.core.read.ListAppender<>();
        warnings.start();
        logger.addAppender(warnings);
        try {
            Path spectra = write("spectra.csv", "400,500,material\n1,2,cat\n3,4,dog\n5,6,cat\n");
            DataSet read = CsvReader.defaults().read(spectra);
            assertEquals(3, read.numClasses(), "read as data, as before");
            assertEquals(List.of("file " + spectra + ": the class 'material' has one sample, the first row's: if the first row is a header"
                    + " (its names numbers, so it was read as data), give --csv-header"),
                    warnings.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList());
            warnings.list.clear();
            CsvReader.defaults().withHeader(true).read(spectra);
            Path plain = write("plain.csv", "1,2,cat\n3,4,dog\n5,6,cat\n7,8,dog\n");
            CsvReader.defaults().read(plain);
            assertEquals(List.of(), warnings.list, "with --csv-header, or classes of several rows, no warning");
        } finally {
            logger.detachAppender(warnings);
        }
    }
}
