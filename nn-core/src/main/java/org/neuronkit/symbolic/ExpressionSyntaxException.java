package org.neuronkit.symbolic;

import org.neuronkit.DataException;

/** An expression that does not parse; the message names the position (0-based), what was expected and what was found, and points at it. */
public final class ExpressionSyntaxException extends DataException {
    private static final long serialVersionUID = 1L;
    private final int position;
    private final String expected;

    ExpressionSyntaxException(String text, int position, String expected, String found) {
        super("at position " + position + ": expected " + expected + " but found " + found
                + "\n  " + text + "\n  " + " ".repeat(position) + "^");
        this.position = position;
        this.expected = expected;
    }

    /** The 0-based index into the text where parsing failed. */
    public int position() {
        return position;
    }

    /** What the parser expected there. */
    public String expected() {
        return expected;
    }
}
