package org.neuronkit.registry;

import java.util.List;
import org.neuronkit.ConfigurationException;

/**
 * The parsed arguments of a spec such as {@code swish(learn,1.0)} or {@code adam(lr=0.01, beta1=0.9)},
 * as a {@link Registry} hands them to a factory: read by position, or by {@code key=value} where the
 * entry documents a key. Every reader names the spec in its error.
 */
public final class Args {
    private final String where;
    private final List<String> values;

    Args(String where, List<String> values) {
        this.where = where;
        this.values = List.copyOf(values);
    }

    /** The number of arguments. */
    public int size() {
        return values.size();
    }

    /** Fails unless there are at most {@code count} arguments; returns this. */
    public Args atMost(int count) {
        if (values.size() > count) {
            throw new ConfigurationException(where + " takes " + (count == 0 ? "no parameters" : "at most " + count + " parameters")
                    + ", got " + values.size());
        }
        return this;
    }

    /** Argument {@code index} as text, or {@code fallback} when there are fewer arguments. */
    public String text(int index, String fallback) {
        return index < values.size() ? values.get(index) : fallback;
    }

    /** Argument {@code index} as a number, or {@code fallback} when there are fewer arguments. */
    public double number(int index, double fallback) {
        return index < values.size() ? parse(values.get(index)) : fallback;
    }

    /** Argument {@code index} as an integer, or {@code fallback} when there are fewer arguments. */
    public int integer(int index, int fallback) {
        if (index >= values.size()) {
            return fallback;
        }
        try {
            return Integer.parseInt(values.get(index));
        } catch (NumberFormatException e) {
            throw new ConfigurationException(where + ": parameter '" + values.get(index) + "' is not an integer");
        }
    }

    /**
     * The argument written {@code key=value} (e.g. {@code lr=0.01}), or {@code fallback} when none
     * has that key (any case).
     */
    public double number(String key, double fallback) {
        String value = keyed(key);
        return value == null ? fallback : parse(value);
    }

    /** The argument written {@code key=value} as an integer, or {@code fallback} when none has that key (any case). */
    public int integer(String key, int fallback) {
        String value = keyed(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(where + ": parameter " + key + "=" + value + " is not an integer");
        }
    }

    /** The argument written {@code key=value} as text, or {@code fallback} when none has that key (any case). */
    public String text(String key, String fallback) {
        String value = keyed(key);
        return value == null ? fallback : value;
    }

    /** The value of the argument {@code key=value}, trimmed, or null. */
    private String keyed(String key) {
        for (String value : values) {
            int eq = value.indexOf('=');
            if (eq > 0 && value.substring(0, eq).trim().equalsIgnoreCase(key)) {
                return value.substring(eq + 1).trim();
            }
        }
        return null;
    }

    /** Fails unless every argument is {@code key=value} with one of {@code keys}; returns this. */
    public Args keys(String... keys) {
        for (String value : values) {
            int eq = value.indexOf('=');
            String key = eq > 0 ? value.substring(0, eq).trim() : "";
            if (java.util.Arrays.stream(keys).noneMatch(key::equalsIgnoreCase)) {
                throw new ConfigurationException(where + ": parameter '" + value + "' is not one of "
                        + String.join("=…, ", keys) + "=…");
            }
        }
        return this;
    }

    private double parse(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(where + ": parameter '" + text + "' is not a number");
        }
    }

    /** A configuration error about these arguments, naming the spec. */
    public ConfigurationException error(String problem) {
        return new ConfigurationException(where + ": " + problem);
    }
}
