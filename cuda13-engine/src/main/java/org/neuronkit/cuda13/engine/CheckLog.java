package org.neuronkit.cuda13.engine;

import java.io.PrintStream;

/** gpu-check's tally: each check prints one PASS/FAIL line with its measured error; goals print separately. */
final class CheckLog {
    private final PrintStream out;
    private int passed;
    private int failed;

    CheckLog(PrintStream out) {
        this.out = out;
    }

    void section(String title) {
        out.println();
        out.println("== " + title);
    }

    void info(String line) {
        out.println(line);
    }

    /** Records a check: passes when error ≤ tolerance (and error is a number). */
    boolean check(String what, double error, double tolerance) {
        boolean ok = error <= tolerance;
        out.printf("%s  %-58s error %.3g (tolerance %.0e)%n", ok ? "PASS" : "FAIL", what, error, tolerance);
        if (ok) {
            passed++;
        } else {
            failed++;
        }
        return ok;
    }

    /** Records a check that either held or did not, with what was seen. */
    boolean check(String what, boolean ok, String seen) {
        out.printf("%s  %-58s %s%n", ok ? "PASS" : "FAIL", what, seen);
        if (ok) {
            passed++;
        } else {
            failed++;
        }
        return ok;
    }

    /** A failure that stopped a section, with the exception's message. */
    void failure(String what, Throwable e) {
        out.printf("FAIL  %s: %s%n", what, e);
        failed++;
    }

    /** A performance goal: reported, not counted. */
    void goal(String what, boolean met) {
        out.printf("goal  %-58s %s%n", what, met ? "met" : "NOT met");
    }

    int failed() {
        return failed;
    }

    String summary() {
        return passed + " passed, " + failed + " failed";
    }
}
