package org.neuronkit.cli;

/** Counts with their noun in the right number: {@code 1 epoch}, {@code 2 epochs}, {@code 1,200 samples}. */
final class Plural {
    private Plural() {
    }

    /** {@code n} (with thousands separators) and {@code noun}, plus "s" unless {@code n} is 1. */
    static String of(long n, String noun) {
        return String.format("%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
