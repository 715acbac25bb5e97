package org.neuronkit.symbolic;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import org.apache.commons.math3.special.Erf;
import org.neuronkit.DataException;

/**
 * A scalar expression for symbolic differentiation (docs/chapter.md §5): numbers, variables, + − × ÷ ^, unary
 * minus, the functions exp, log, sin, cos, sqrt, tanh, sigma (the logistic σ), abs and erf, max(a, b),
 * min(a, b), and the selection ifpos(t, a, b) (a where t &gt; 0, else b) that the derivatives of the
 * piecewise functions are made of. Expressions are immutable trees; {@link #derivative} rewrites one into
 * its derivative by rules and simplifies it.
 *
 * <p>At a kink the derivative takes one side, by a fixed rule ({@link Derivative}): max(a, b)′ is a′ where
 * a &gt; b and b′ otherwise (so at a tie the second argument's slope), min(a, b)′ is a′ where a &lt; b and
 * b′ otherwise, and abs′(u) = −1 at u = 0; so max(z, 0)′ = 0 at z = 0, as nn-core's relu.
 *
 * <pre>{@code
 * Expr f = Expr.parse("1/(exp(-(w*x+b))+1)");
 * Expr dfdw = f.derivative("w");               // exp(-(w*x + b))*x/(exp(-(w*x + b)) + 1)^2
 * dfdw.evaluate(Map.of("x", 1.0, "w", 0.0, "b", 0.0));   // 0.25
 * }</pre>
 */
public sealed interface Expr {

    /** Parses an expression; a syntax error names the position and what was expected there. */
    static Expr parse(String text) {
        return new Parser(text).parse();
    }

    /** The value at the given variable values. */
    double evaluate(Map<String, Double> values);

    /** ∂this/∂variable, simplified. */
    default Expr derivative(String variable) {
        return Simplifier.simplify(Derivative.of(this, variable));
    }

    /** An equal expression after constant folding and the identities x·1 = x, x + 0 = x, x·0 = 0, … */
    default Expr simplify() {
        return Simplifier.simplify(this);
    }

    /** Whether {@code variable} occurs in this expression. */
    boolean dependsOn(String variable);

    /** This expression with every subtree equal to {@code target} replaced by {@code replacement}. */
    default Expr replace(Expr target, Expr replacement) {
        return Rewriter.replace(this, target, replacement);
    }

    /** This expression with the given variables replaced by numbers. */
    default Expr bind(Map<String, Double> values) {
        Expr e = this;
        for (Map.Entry<String, Double> v : values.entrySet()) {
            e = e.replace(new Var(v.getKey()), new Num(v.getValue()));
        }
        return e;
    }

    /** The names of the variables that occur in this expression, in order of first occurrence. */
    default List<String> variables() {
        return Rewriter.variables(this);
    }

    /** A number. */
    record Num(double value) implements Expr {
        public double evaluate(Map<String, Double> values) { return value; }
        public boolean dependsOn(String variable) { return false; }
        @Override public String toString() { return Printer.print(this); }
    }

    /** A variable. */
    record Var(String name) implements Expr {
        public double evaluate(Map<String, Double> values) {
            Double v = values.get(name);
            if (v == null) {
                throw new DataException("variable '" + name + "' has no value; values were given for " + values.keySet());
            }
            return v;
        }
        public boolean dependsOn(String variable) { return name.equals(variable); }
        @Override public String toString() { return Printer.print(this); }
    }

    /** A function of one argument, unary minus included. */
    record Call(Fn fn, Expr arg) implements Expr {
        public double evaluate(Map<String, Double> values) { return fn.apply(arg.evaluate(values)); }
        public boolean dependsOn(String variable) { return arg.dependsOn(variable); }
        @Override public String toString() { return Printer.print(this); }
    }

    /** A binary operation. */
    record Binary(Op op, Expr left, Expr right) implements Expr {
        public double evaluate(Map<String, Double> values) { return op.apply(left.evaluate(values), right.evaluate(values)); }
        public boolean dependsOn(String variable) { return left.dependsOn(variable) || right.dependsOn(variable); }
        @Override public String toString() { return Printer.print(this); }
    }

    /** {@code positive} where {@code test} &gt; 0, else {@code otherwise}; printed {@code ifpos(test, positive, otherwise)}. */
    record Select(Expr test, Expr positive, Expr otherwise) implements Expr {
        public double evaluate(Map<String, Double> values) {
            return test.evaluate(values) > 0 ? positive.evaluate(values) : otherwise.evaluate(values);
        }
        public boolean dependsOn(String variable) {
            return test.dependsOn(variable) || positive.dependsOn(variable) || otherwise.dependsOn(variable);
        }
        @Override public String toString() { return Printer.print(this); }
    }

    /** The functions of one argument. */
    enum Fn {
        NEG("-", v -> -v),
        EXP("exp", Math::exp),
        LOG("log", Math::log),
        SIN("sin", Math::sin),
        COS("cos", Math::cos),
        SQRT("sqrt", Math::sqrt),
        TANH("tanh", Math::tanh),
        SIGMA("sigma", v -> v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v))),
        ABS("abs", Math::abs),
        ERF("erf", Erf::erf);

        final String symbol;
        private final DoubleUnaryOperator f;

        Fn(String symbol, DoubleUnaryOperator f) {
            this.symbol = symbol;
            this.f = f;
        }

        public double apply(double v) {
            return f.applyAsDouble(v);
        }

        /** The name as the parser reads it, e.g. {@code exp}; {@code -} for unary minus. */
        public String symbol() {
            return symbol;
        }
    }

    /**
     * The binary operators, with their precedence (higher binds tighter); max and min are written as
     * functions, {@code max(a, b)}, and bind like an atom.
     */
    enum Op {
        ADD("+", 1, Double::sum),
        SUB("-", 1, (a, b) -> a - b),
        MUL("*", 2, (a, b) -> a * b),
        DIV("/", 2, (a, b) -> a / b),
        POW("^", 4, Math::pow),
        MAX("max", 5, Math::max),
        MIN("min", 5, Math::min);

        final String symbol;
        final int precedence;
        private final DoubleBinaryOperator f;

        Op(String symbol, int precedence, DoubleBinaryOperator f) {
            this.symbol = symbol;
            this.precedence = precedence;
            this.f = f;
        }

        public double apply(double a, double b) {
            return f.applyAsDouble(a, b);
        }

        /** Whether this operator is written as a function of two arguments, {@code max(a, b)}. */
        public boolean isFunction() {
            return Character.isLetter(symbol.charAt(0));
        }

        /** The symbol, e.g. {@code +} or {@code max}. */
        public String symbol() {
            return symbol;
        }
    }
}
