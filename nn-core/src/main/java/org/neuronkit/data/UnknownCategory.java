package org.neuronkit.data;

import java.util.Locale;
import org.neuronkit.ConfigurationException;

/**
 * What encoding a category the model did not see in training does (as scikit-learn's
 * {@code OneHotEncoder(handle_unknown=…)}):
 * <ul>
 * <li>{@link #ERROR} (the default): fail, naming the row, the column, the value and the known categories;
 * <li>{@link #IGNORE}: encode it as all zeros in that column's one-hot block, with a logged warning.
 * </ul>
 */
public enum UnknownCategory {
    ERROR, IGNORE;

    /** The names {@code --unknown-category} takes. */
    public static final String NAMES = "error, ignore";

    /** The policy {@code name} names ({@code error}, {@code ignore}). */
    public static UnknownCategory parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("unknown --unknown-category '" + name + "'; known: " + NAMES);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
