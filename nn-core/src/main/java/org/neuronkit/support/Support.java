package org.neuronkit.support;

/**
 * One cell of the support matrix: a path serves a registry entry, or refuses it with a reason that its
 * error message also gives, before any work.
 *
 * @param supported whether the path serves the entry (in every form its registry entry lists, unless the note says which)
 * @param note for a refusal, the reason (never blank); for support, an optional remark such as a form that is refused, or ""
 */
public record Support(boolean supported, String note) {

    public Support {
        note = note == null ? "" : note.strip();
        if (!supported && note.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs a reason");
        }
    }

    /** Served in every form. */
    public static Support yes() {
        return new Support(true, "");
    }

    /** Served, with a remark, e.g. which forms are refused and why. */
    public static Support yes(String note) {
        return new Support(true, note);
    }

    /** Refused, with the reason. */
    public static Support refused(String reason) {
        return new Support(false, reason);
    }
}
