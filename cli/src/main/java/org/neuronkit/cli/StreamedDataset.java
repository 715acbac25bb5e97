package org.neuronkit.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuronkit.ConfigurationException;
import org.neuronkit.data.BatchSource;
import org.neuronkit.data.CsvReader;
import org.neuronkit.data.DataSet;
import org.neuronkit.data.FashionMnist;
import org.neuronkit.data.IdxReader;
import org.neuronkit.data.InputEncoding;
import org.neuronkit.data.UnknownCategory;

/**
 * {@code train --stream ROWS}: the training file of a named data set read as a stream through a
 * shuffle buffer of ROWS rows ({@link BatchSource}), never whole; the test part is loaded as usual.
 * <ul>
 * <li>{@code fashion-mnist}, {@code mnist}: the training IDX files streamed, the 10,000 test images loaded;
 * <li>{@code csv:PATH}: PATH streamed, the test set from {@code --test-data csv:PATH2} (same layout); text
 * columns are one-hot encoded with the categories of PATH, which the model records, and a category of
 * PATH2 that PATH lacks fails naming its line and column.
 * </ul>
 *
 * @param train the streamed training batches
 * @param named the set as the rest of the command sees it: its "training" part is only the file's
 *              first ROWS rows (for the normaliser's fit and the network's shape), its test part whole
 */
record StreamedDataset(BatchSource train, NamedDataset named) {

    static StreamedDataset open(TrainSettings settings, Path dataDir, Map<String, String> environment) {
        String name = settings.data().dataset().trim().toLowerCase(Locale.ROOT);
        int buffer = settings.data().stream();
        BatchSource train;
        DataSet test;
        List<String> classNames;
        InputEncoding encoding = null;
        if (settings.data().dataset().startsWith("csv:")) {
            if (settings.data().testData() == null || !settings.data().testData().startsWith("csv:")) {
                throw new ConfigurationException("--stream with a csv: dataset needs its test set as --test-data csv:PATH");
            }
            CsvReader reader = NamedDataset.csvReader(settings.data().csvHeader(), settings.data().csv());
            train = BatchSource.csv(Path.of(settings.data().dataset().substring(4)), reader, settings.optimization().batchSize(), buffer, settings.optimization().seed());
            classNames = train.classNames();
            encoding = train.inputEncoding();
            CsvReader testReader = reader.withClassNames(classNames);
            test = (encoding == null ? testReader : testReader.withEncoding(encoding, UnknownCategory.ERROR))
                    .read(Path.of(settings.data().testData().substring(4)));
        } else if (name.equals("fashion-mnist") || name.equals("mnist")) {
            Path dir = NamedDataset.find(NamedDataset.searchPath(name, dataDir, environment), NamedDataset.IDX_FILES, name);
            List<String> files = NamedDataset.IDX_FILES;
            train = BatchSource.idx(NamedDataset.idx(dir, files.get(0)), NamedDataset.idx(dir, files.get(1)), 10,
                    settings.optimization().batchSize(), buffer, settings.optimization().seed());
            test = IdxReader.read(NamedDataset.idx(dir, files.get(2)), NamedDataset.idx(dir, files.get(3)), 10);
            classNames = name.equals("mnist") ? NamedDataset.digitNames() : FashionMnist.CLASSES;
        } else {
            throw new ConfigurationException("--stream reads fashion-mnist, mnist or csv:PATH (with --test-data csv:PATH), not '"
                    + settings.data().dataset() + "'");
        }
        return new StreamedDataset(train, new NamedDataset(name, train.firstRows(buffer), test, classNames, encoding));
    }
}
