package org.neuronkit.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.CsvReader;
import org.neuronkit.data.InputEncoding;
import org.neuronkit.data.DataSet;
import org.neuronkit.data.FashionMnist;
import org.neuronkit.data.IdxReader;

/**
 * A data set named on the command line, as a training and a test part with class names and the
 * normalisation that suits it:
 * <ul>
 * <li>{@code digits}: the bundled 8×8 digits (pixel counts 0–16), split 80/20 with the seed;
 * <li>{@code fashion-mnist}, {@code mnist}: the four IDX files (gzipped or not), official 60,000/10,000 split;
 * <li>{@code iris}: {@code iris.csv} in the layout Debian's python3-sklearn ships (header
 * {@code 150,4,setosa,versicolor,virginica}), split 80/20;
 * <li>{@code diabetes}: the bundled 442 diabetes patients, a regression set (10 features, target
 * {@code progression}), split 80/20;
 * <li>{@code csv:PATH}: a CSV file of numeric features, the label (an integer or a class name) in the
 * last column, or with {@code targets} > 0 that many last columns of regression targets; split 80/20.
 * Its delimiter and header are detected ({@link CsvReader}; {@code --csv-header} states a header).
 * </ul>
 * {@code classNames} holds the names of the outputs: the classes, or a regression's target columns;
 * {@code input} how a CSV file's raw columns became the features (its categorical columns one-hot,
 * {@link InputEncoding}; null for the other sets).
 * Files of a named set are looked up in the {@code --data-dir}, then {@code $NEURONKIT_DATA}, each
 * directly and in a sub-directory named after the set, then in {@code /usr/share/datasets/<name>}
 * (where Debian's {@code dataset-*} packages install them).
 */
record NamedDataset(String name, DataSet train, DataSet test, List<String> classNames, InputEncoding input) {
    static final String SYSTEM_DATASETS = "/usr/share/datasets";
    /** The share of digits, iris and csv: samples in the training part. */
    static final double TRAIN_FRACTION = 0.8;
    static final List<String> IDX_FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    /** A set whose features are used as they are (no {@link InputEncoding}). */
    NamedDataset(String name, DataSet train, DataSet test, List<String> classNames) {
        this(name, train, test, classNames, null);
    }

    /** The names {@code --dataset} accepts. */
    static final String NAMES = "digits, iris, fashion-mnist, mnist, diabetes (regression), a CSV file's PATH or csv:PATH";
    /** Every data set known by name. */
    static final List<String> KNOWN = List.of("digits", "iris", "fashion-mnist", "mnist", "diabetes");

    /** The data set names, and {@code csv:}, as picocli {@code completionCandidates} (the completion script adds file names). */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.stream.Stream.concat(KNOWN.stream(), java.util.stream.Stream.of("csv:")).iterator();
        }
    }
    /** The bundled regression set. */
    static final String DIABETES = "diabetes";

    /**
     * Loads the set called {@code spec}.
     *
     * @param dataDir the {@code --data-dir}, or null
     * @param environment where {@code NEURONKIT_DATA} is read from
     * @param csvHeader whether a {@code csv:} file starts with a header line
     */
    static NamedDataset load(String spec, Path dataDir, Map<String, String> environment, boolean csvHeader, long seed) {
        return load(spec, dataDir, environment, csvHeader, seed, 0);
    }

    /** As {@link #load(String, Path, Map, boolean, long, int, CsvOptions)} with the default CSV options. */
    static NamedDataset load(String spec, Path dataDir, Map<String, String> environment, boolean csvHeader, long seed, int targets) {
        return load(spec, dataDir, environment, csvHeader, seed, targets, null);
    }

    /**
     * Loads the set called {@code spec}; with {@code targets} > 0 a {@code csv:} file's last
     * {@code targets} columns are regression targets; {@code csv} says how a CSV file's columns are read.
     */
    static NamedDataset load(String given, Path dataDir, Map<String, String> environment, boolean csvHeader, long seed, int targets,
            CsvOptions csv) {
        String spec = csvSpec(given);
        String name = spec.trim().toLowerCase(Locale.ROOT);
        if (spec.startsWith("csv:")) {
            CsvReader reader = csvReader(csvHeader, csv);
            CsvReader.CsvData read = (targets > 0 ? reader.withTargets(targets) : reader).readNamed(Path.of(spec.substring(4)));
            NamedDataset split = split(spec, read.data(), read.outputNames(), seed);
            return new NamedDataset(split.name(), split.train(), split.test(), split.classNames(), read.encoding());
        }
        if (name.equals(DIABETES)) {
            if (targets != 1) {
                throw new ConfigurationException("diabetes is a regression set with one target: train it with --task regression (--targets 1)");
            }
            CsvReader.CsvData read = BundledDatasets.diabetes();
            return split(DIABETES, read.data(), read.outputNames(), seed);
        }
        if (targets > 0) {
            throw new ConfigurationException("regression targets come from a csv:PATH dataset or diabetes, not '" + spec + "'");
        }
        List<Path> places = searchPath(name, dataDir, environment);
        switch (name) {
            case "digits":
                return split("digits", BundledDatasets.digits(), digitNames(), seed);
            case "iris":
                return iris(find(places, List.of("iris.csv"), name), seed);
            case "fashion-mnist": {
                Path dir = find(places, IDX_FILES, name);
                return new NamedDataset(name, FashionMnist.train(dir), FashionMnist.test(dir), FashionMnist.CLASSES);
            }
            case "mnist": {
                Path dir = find(places, IDX_FILES, name);
                return new NamedDataset(name, IdxReader.read(idx(dir, IDX_FILES.get(0)), idx(dir, IDX_FILES.get(1)), 10),
                        IdxReader.read(idx(dir, IDX_FILES.get(2)), idx(dir, IDX_FILES.get(3)), 10), digitNames());
            }
            default:
                throw new ConfigurationException("unknown dataset '" + spec + "'; known: " + NAMES);
        }
    }

    /**
     * {@code spec} as a data set name: a path to a file (one that exists, or whose name ends in
     * {@code .csv}, {@code .tsv} or {@code .txt}, optionally {@code .gz}) becomes {@code csv:} and that
     * path, made absolute; names and {@code csv:PATH} stay as they are (a relative {@code csv:} path too).
     */
    static String csvSpec(String spec) {
        String name = spec.trim().toLowerCase(Locale.ROOT);
        if (spec.startsWith("csv:") || KNOWN.contains(name)) {
            return spec;
        }
        boolean file = name.matches(".*\\.(csv|tsv|txt)(\\.gz)?") || Files.isRegularFile(Path.of(spec));
        return file ? "csv:" + Path.of(spec).toAbsolutePath() : spec;
    }

    /** Whether set {@code spec} comes with its own test part (fashion-mnist, mnist), which no seed or share splits off. */
    static boolean hasOwnTestPart(String spec) {
        String name = spec.trim().toLowerCase(Locale.ROOT);
        return name.equals("fashion-mnist") || name.equals("mnist");
    }

    /** The CSV reader of the command line: {@code --csv-header} states a header, else it is detected. */
    static CsvReader csvReader(boolean csvHeader) {
        return csvHeader ? CsvReader.defaults().withHeader(true) : CsvReader.defaults();
    }

    /** The CSV reader of the command line with the column options {@code csv} (null: the defaults). */
    static CsvReader csvReader(boolean csvHeader, CsvOptions csv) {
        return CsvOptions.orDefaults(csv).applyTo(csvReader(csvHeader));
    }

    /** The directories searched for set {@code name}, in order. */
    static List<Path> searchPath(String name, Path dataDir, Map<String, String> environment) {
        LinkedHashSet<Path> places = new LinkedHashSet<>();
        String fromEnvironment = environment.get("NEURONKIT_DATA");
        for (Path base : new Path[] {dataDir, fromEnvironment == null || fromEnvironment.isBlank() ? null : Path.of(fromEnvironment)}) {
            if (base != null) {
                places.add(base);
                places.add(base.resolve(name));
            }
        }
        places.add(Path.of(SYSTEM_DATASETS, name));
        if (name.equals("iris")) {
            places.add(Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data"));
        }
        return new ArrayList<>(places);
    }

    /** The first of {@code places} holding every file of {@code files} (each raw or gzipped). */
    static Path find(List<Path> places, List<String> files, String name) {
        for (Path dir : places) {
            if (files.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)) || Files.isRegularFile(dir.resolve(f + ".gz")))) {
                return dir;
            }
        }
        throw new DataException("dataset " + name + " not found: no directory of " + places + " holds "
                + String.join(", ", files) + " (each may be gzipped). " + howToGet(name));
    }

    private static String howToGet(String name) {
        switch (name) {
            case "fashion-mnist":
                return "Install it with 'apt-get install dataset-fashion-mnist' (into " + SYSTEM_DATASETS
                        + "/fashion-mnist), or download the four files from github.com/zalandoresearch/fashion-mnist"
                        + " and give their directory with --data-dir or $NEURONKIT_DATA.";
            case "mnist":
                return "Download the four MNIST files (yann.lecun.com/exdb/mnist) and give their directory with --data-dir or $NEURONKIT_DATA.";
            default:
                return "Install Debian's python3-sklearn (which ships iris.csv), or give the directory of an iris.csv"
                        + " (header 150,4,setosa,versicolor,virginica; 4 measurements and a class 0-2 per line) with --data-dir or $NEURONKIT_DATA.";
        }
    }

    static Path idx(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        return Files.isRegularFile(gz) ? gz : dir.resolve(name);
    }

    private static NamedDataset iris(Path dir, long seed) {
        Path file = dir.resolve(Files.isRegularFile(dir.resolve("iris.csv")) ? "iris.csv" : "iris.csv.gz");
        DataSet all = CsvReader.defaults().withHeader(true).withClasses(3).read(file);
        return split("iris", all, irisNames(file), seed);
    }

    /** The class names from the header {@code 150,4,setosa,versicolor,virginica}. */
    private static List<String> irisNames(Path file) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            String[] header = reader.readLine().split(",");
            return header.length == 5 ? Arrays.stream(header, 2, 5).map(String::trim).toList() : null;
        } catch (IOException e) {
            throw new DataException("file " + file + ": cannot read: " + e.getMessage(), e);
        }
    }

    static List<String> digitNames() {
        return List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    private static NamedDataset split(String name, DataSet all, List<String> classNames, long seed) {
        DataSet.Split split = all.split(TRAIN_FRACTION, seed);
        return new NamedDataset(name, split.train(), split.test(), classNames);
    }

    /**
     * The normalisation that suits set {@code spec}: one global min–max for images (all pixels share a
     * scale; the digits' counts 0–16 become x/16), per-feature z-scores otherwise.
     */
    static String defaultNormalizer(String spec) {
        switch (spec.trim().toLowerCase(Locale.ROOT)) {
            case "digits":
            case "fashion-mnist":
            case "mnist": return "minmax-global";
            default: return "standardize";
        }
    }

    /**
     * The height and width of the images whose pixels are set {@code spec}'s rows (row-major): 8 × 8
     * for digits, 28 × 28 for mnist and fashion-mnist; null for a set that is not images.
     */
    static int[] imageShape(String spec) {
        switch (spec.trim().toLowerCase(Locale.ROOT)) {
            case "digits": return new int[] {8, 8};
            case "fashion-mnist":
            case "mnist": return new int[] {28, 28};
            default: return null;
        }
    }

    /** The first {@code n} samples of each part (a part with fewer stays whole). */
    NamedDataset limit(int n) {
        return new NamedDataset(name, first(train, n), first(test, n), classNames, input);
    }

    /** The first {@code n} samples of {@code data} (all when it has fewer). */
    static DataSet first(DataSet data, int n) {
        return n >= data.size() ? data : data.select(java.util.stream.IntStream.range(0, n).toArray());
    }

    /**
     * With {@code --missing mean}: the encoding with each feature's mean over {@code train} (the training split
     * only, not the validation or test rows), and this set's test part filled with it; else this set.
     */
    NamedDataset withMeansOf(DataSet train, CsvOptions csv) {
        if (input == null || CsvOptions.orDefaults(csv).missingPolicy() != org.neuronkit.data.Missing.MEAN) {
            return this;
        }
        InputEncoding fitted = input.withMeansOf(train.features());
        return new NamedDataset(name, this.train, test.filledBy(fitted), classNames, fitted);
    }

    /** The class names, or "0".."C−1" when the set has none; a regression's target names. */
    List<String> classNamesOrIndices() {
        if (!train.isClassification()) {
            return classNames;
        }
        if (classNames != null && classNames.size() == train.numClasses()) {
            return classNames;
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < train.numClasses(); c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }
}
