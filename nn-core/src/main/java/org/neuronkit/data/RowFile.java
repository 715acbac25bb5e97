package org.neuronkit.data;

import java.io.Closeable;
import java.util.List;

/**
 * A file of labelled rows that a {@link ShuffledBatches} reads front to back, once per epoch,
 * without holding it: its size is known (and checked) when it is opened, its rows are read one at a
 * time.
 */
interface RowFile {

    /** The number of rows. */
    long rows();

    /** Features per row. */
    int features();

    /** C: labels lie in [0, C). */
    int classes();

    /** The name of each class, in class order; empty when the file names none. */
    default List<String> classNames() {
        return List.of();
    }

    /** How the file's raw columns become its features (one-hot categories), or null when they are the features. */
    default InputEncoding encoding() {
        return null;
    }

    /** The file(s), for messages. */
    String describe();

    /** A new pass over the rows, from the first. */
    Reader open();

    /** One pass. */
    interface Reader extends Closeable {
        /** Reads the next row's features into {@code into[offset, offset + features)}; returns its label, or −1 after the last row. */
        int next(float[] into, int offset);

        @Override
        void close();
    }
}
