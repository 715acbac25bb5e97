package org.neuronkit.data;

import java.util.Locale;
import java.util.Set;
import org.neuronkit.ConfigurationException;

/**
 * What a CSV reader does with a missing value: an empty cell, {@code NA}, {@code N/A} or {@code ?}.
 * <ul>
 * <li>{@link #ERROR} (the default): fail, naming the file, line and column and this option;
 * <li>{@link #DROP}: leave out every row with a missing value (feature, label or target);
 * <li>{@link #MEAN}: leave a missing feature NaN ({@link DataSet#hasMissingValues}) to be filled with its
 * mean over the training split only ({@link InputEncoding#withMeansOf}, kept in the model); a missing
 * label or target still fails.
 * </ul>
 */
public enum Missing {
    ERROR, DROP, MEAN;

    /** The names {@code --missing} takes. */
    public static final String NAMES = "error, drop, mean";
    private static final Set<String> MARKERS = Set.of("", "na", "n/a", "?");

    /** The policy {@code name} names ({@code error}, {@code drop}, {@code mean}). */
    public static Missing parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("unknown --missing '" + name + "'; known: " + NAMES);
        }
    }

    /** Whether {@code cell} (trimmed) marks a missing value. */
    static boolean marks(String cell) {
        return MARKERS.contains(cell.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
