package org.neuronkit.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.neuronkit.symbolic.Expr.Binary;
import org.neuronkit.symbolic.Expr.Call;
import org.neuronkit.symbolic.Expr.Fn;
import org.neuronkit.symbolic.Expr.Num;
import org.neuronkit.symbolic.Expr.Op;
import org.neuronkit.symbolic.Expr.Select;
import org.neuronkit.symbolic.Expr.Var;

/**
 * A recursive-descent parser for {@link Expr}. Grammar (× ÷ − are accepted for * / -):
 * <pre>
 * expr    = term { ("+" | "-") term }
 * term    = unary { ("*" | "/") unary }
 * unary   = ("-" | "+") unary | power
 * power   = primary [ "^" unary ]             (right-associative: a^b^c = a^(b^c); -x^2 = -(x^2))
 * primary = number | function "(" expr { "," expr } ")" | variable | "(" expr ")"
 * </pre>
 * Numbers are decimal with an optional exponent (1.5e-3); functions are exp, log, sin, cos, sqrt,
 * tanh, sigma (also σ), abs and erf of one argument, max and min of two, and ifpos(t, a, b) (a where
 * t &gt; 0, else b); any other identifier is a variable.
 */
final class Parser {
    /** The name of {@link Expr.Select}. */
    static final String SELECT = "ifpos";
    private static final String FUNCTIONS = Stream.concat(Stream.concat(
            Arrays.stream(Fn.values()).filter(f -> f != Fn.NEG).map(f -> f.symbol),
            Arrays.stream(Op.values()).filter(Op::isFunction).map(o -> o.symbol)), Stream.of(SELECT))
            .collect(Collectors.joining(", "));
    private final String text;
    private int pos;

    Parser(String text) {
        this.text = text;
    }

    Expr parse() {
        Expr e = expr();
        skipSpace();
        if (pos < text.length()) {
            throw error("an operator or the end of the expression");
        }
        return e;
    }

    private Expr expr() {
        Expr e = term();
        for (char c = peek(); c == '+' || c == '-'; c = peek()) {
            pos++;
            e = new Binary(c == '+' ? Op.ADD : Op.SUB, e, term());
        }
        return e;
    }

    private Expr term() {
        Expr e = unary();
        for (char c = peek(); c == '*' || c == '/'; c = peek()) {
            pos++;
            e = new Binary(c == '*' ? Op.MUL : Op.DIV, e, unary());
        }
        return e;
    }

    private Expr unary() {
        char c = peek();
        if (c == '-' || c == '+') {
            pos++;
            Expr arg = unary();
            if (c == '+') {
                return arg;
            }
            return arg instanceof Num n ? new Num(-n.value()) : new Call(Fn.NEG, arg);
        }
        return power();
    }

    private Expr power() {
        Expr base = primary();
        if (peek() == '^') {
            pos++;
            return new Binary(Op.POW, base, unary());
        }
        return base;
    }

    private Expr primary() {
        char c = peek();
        if (c == '(') {
            pos++;
            Expr e = expr();
            expect(')');
            return e;
        }
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            String name = identifier();
            Fn fn = function(name);
            Op op = binaryFunction(name);
            boolean known = fn != null || op != null || name.equals(SELECT);
            if (peek() == '(') {
                if (!known) {
                    pos = start;
                    throw error("a variable or one of the functions " + FUNCTIONS + " (unknown function '" + name + "')");
                }
                pos++;
                List<Expr> args = arguments(name, fn != null ? 1 : op != null ? 2 : 3);
                return fn != null ? new Call(fn, args.get(0))
                        : op != null ? new Binary(op, args.get(0), args.get(1))
                        : new Select(args.get(0), args.get(1), args.get(2));
            }
            if (known) {
                throw error("'(' after the function " + name);
            }
            return new Var(name);
        }
        throw error("a number, a variable, a function or '('");
    }

    /** {@code count} comma-separated arguments and the closing parenthesis. */
    private List<Expr> arguments(String function, int count) {
        List<Expr> args = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i > 0 && peek() != ',') {
                throw error("',' and argument " + (i + 1) + " of " + count + " of " + function);
            }
            if (i > 0) {
                pos++;
            }
            args.add(expr());
        }
        if (peek() != ')') {
            throw error("')' after the " + count + (count == 1 ? " argument" : " arguments") + " of " + function);
        }
        pos++;
        return args;
    }

    private static Op binaryFunction(String name) {
        for (Op op : Op.values()) {
            if (op.isFunction() && op.symbol.equals(name)) {
                return op;
            }
        }
        return null;
    }

    private Expr number() {
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int mark = pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = mark;
            }
        }
        try {
            return new Num(Double.parseDouble(text.substring(start, pos)));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("a number (found '" + text.substring(start, Math.max(start + 1, Math.min(text.length(), start + 8))) + "')");
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private static Fn function(String name) {
        if (name.equals("σ")) {
            return Fn.SIGMA;
        }
        for (Fn f : Fn.values()) {
            if (f != Fn.NEG && f.symbol.equals(name)) {
                return f;
            }
        }
        return null;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    /** The next non-blank character with × ÷ − · mapped to * / - *, or 0 at the end. */
    private char peek() {
        skipSpace();
        if (pos >= text.length()) {
            return 0;
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '×', '·' -> '*';
            case '÷' -> '/';
            case '−' -> '-';
            default -> c;
        };
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private ExpressionSyntaxException error(String expected) {
        skipSpace();
        String found = pos >= text.length() ? "the end of the expression" : "'" + text.charAt(pos) + "'";
        return new ExpressionSyntaxException(text, pos, expected, found);
    }
}
