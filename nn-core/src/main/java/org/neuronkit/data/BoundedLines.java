package org.neuronkit.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Locale;

import org.neuronkit.DataException;

/**
 * The lines of a text file, each at most {@code maxChars} characters long, so that a file without
 * line breaks (a binary file, {@code /dev/zero}) fails after that many characters instead of filling
 * the heap. A line ends at {@code \n}, {@code \r\n} or {@code \r}, which are not part of it.
 */
final class BoundedLines {
    private final Reader in;
    private final Path file;
    private final int maxChars;
    private final char[] buffer = new char[1 << 16];
    private final StringBuilder line = new StringBuilder();
    private int position;
    private int end;
    private int lineNumber;
    private boolean afterCarriageReturn;

    BoundedLines(Reader in, Path file, int maxChars) {
        this.in = in;
        this.file = file;
        this.maxChars = maxChars;
    }

    /** The number (from 1) of the line {@link #next} returned last. */
    int lineNumber() {
        return lineNumber;
    }

    /**
     * The next line, or null at the end of the file.
     *
     * @throws DataException naming the file and line when a line is longer than the limit
     */
    String next() throws IOException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (position == end) {
                end = in.read(buffer, 0, buffer.length);
                position = 0;
                if (end <= 0) {
                    end = 0;
                    if (!any) {
                        return null;
                    }
                    lineNumber++;
                    return line.toString();
                }
            }
            char c = buffer[position++];
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (c == '\n') {
                    continue;
                }
            }
            if (c == '\n' || c == '\r') {
                afterCarriageReturn = c == '\r';
                lineNumber++;
                return line.toString();
            }
            any = true;
            if (line.length() == maxChars) {
                throw new DataException(String.format(Locale.ROOT, "file %s, line %d: longer than %,d characters (not a text file?)",
                        file, lineNumber + 1, maxChars));
            }
            line.append(c);
        }
    }
}
