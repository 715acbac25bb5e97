package org.neuronkit.symbolic;

import org.neuronkit.symbolic.Expr.Binary;
import org.neuronkit.symbolic.Expr.Call;
import org.neuronkit.symbolic.Expr.Fn;
import org.neuronkit.symbolic.Expr.Num;
import org.neuronkit.symbolic.Expr.Op;
import org.neuronkit.symbolic.Expr.Select;
import org.neuronkit.symbolic.Expr.Var;

/**
 * Prints an expression in the syntax {@link Parser} reads, with only the parentheses it needs:
 * + and − bind loosest, then * and /, then unary minus, then ^ (right-associative). A negative
 * operand on the right of an operator is parenthesised ({@code a*(-b)}), as is a function's argument;
 * max, min and ifpos are printed as functions.
 */
final class Printer {
    private static final int NEG_PRECEDENCE = 3;
    private static final int ATOM = 5;

    private Printer() {}

    static String print(Expr e) {
        if (e instanceof Num n) {
            return number(n.value());
        }
        if (e instanceof Var v) {
            return v.name();
        }
        if (e instanceof Call c) {
            return c.fn() == Fn.NEG
                    ? "-" + wrap(c.arg(), precedence(c.arg()) < NEG_PRECEDENCE)
                    : c.fn().symbol + "(" + print(c.arg()) + ")";
        }
        if (e instanceof Select s) {
            return Parser.SELECT + "(" + print(s.test()) + ", " + print(s.positive()) + ", " + print(s.otherwise()) + ")";
        }
        Binary b = (Binary) e;
        Op op = b.op();
        if (op.isFunction()) {
            return op.symbol + "(" + print(b.left()) + ", " + print(b.right()) + ")";
        }
        int pl = precedence(b.left());
        int pr = precedence(b.right());
        boolean leftParens = op == Op.POW ? pl <= op.precedence : pl < op.precedence;
        boolean rightParens = op == Op.POW ? pr < ATOM
                : pr < op.precedence || pr == NEG_PRECEDENCE
                || (pr == op.precedence && (op == Op.SUB || op == Op.DIV || b.right() instanceof Binary));
        String sep = op.precedence == 1 ? " " + op.symbol + " " : op.symbol;
        return wrap(b.left(), leftParens) + sep + wrap(b.right(), rightParens);
    }

    private static int precedence(Expr e) {
        if (e instanceof Binary b) {
            return b.op().precedence;
        }
        if ((e instanceof Call c && c.fn() == Fn.NEG) || (e instanceof Num n && n.value() < 0)) {
            return NEG_PRECEDENCE;
        }
        return ATOM;
    }

    private static String wrap(Expr e, boolean parens) {
        return parens ? "(" + print(e) + ")" : print(e);
    }

    /** Integers without a decimal point; other numbers in Java's shortest round-trip form (0.25, 1.0E-20). */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
