package org.neuronkit.data;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Locale;

import org.neuronkit.DataException;

/**
 * A reader that fails once a line grows longer than {@code maxChars} characters, so that a file
 * without line breaks (a binary file, {@code /dev/zero}) fails after that many characters instead of
 * filling the heap of the CSV parser above it. A line ends at {@code \n} or {@code \r}.
 */
final class LineLengthLimit extends FilterReader {
    private final Path file;
    private final int maxChars;
    private int lineNumber = 1;
    private int length;
    private boolean afterCarriageReturn;

    LineLengthLimit(Reader in, Path file, int maxChars) {
        super(in);
        this.file = file;
        this.maxChars = maxChars;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    /**
     * @throws DataException naming the file and the line when a line is longer than the limit
     */
    @Override
    public int read(char[] buffer, int offset, int count) throws IOException {
        int read = super.read(buffer, offset, count);
        for (int i = offset; i < offset + read; i++) {
            char c = buffer[i];
            if (c == '\n' || c == '\r') {
                if (!(c == '\n' && afterCarriageReturn)) {
                    lineNumber++;
                }
                afterCarriageReturn = c == '\r';
                length = 0;
            } else {
                afterCarriageReturn = false;
                if (++length > maxChars) {
                    throw new DataException(String.format(Locale.ROOT, "file %s, line %d: longer than %,d characters (not a text file?)",
                            file, lineNumber, maxChars));
                }
            }
        }
        return read;
    }
}
