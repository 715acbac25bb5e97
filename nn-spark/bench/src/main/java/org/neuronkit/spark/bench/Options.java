package org.neuronkit.spark.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code key=value} command-line options of the bench mains, over their defaults. */
final class Options {
    private Options() {
    }

    /**
     * {@code defaults} with each {@code key=value} of {@code args} put over it.
     *
     * @throws IllegalArgumentException naming an argument that is not {@code key=value} of a known key, and the options
     */
    static Map<String, String> parse(String[] args, Map<String, String> defaults) {
        Map<String, String> options = new LinkedHashMap<>(defaults);
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2 || !defaults.containsKey(kv[0])) {
                throw new IllegalArgumentException("unknown option '" + arg + "'; options (key=value): " + defaults);
            }
            options.put(kv[0], kv[1]);
        }
        return options;
    }
}
