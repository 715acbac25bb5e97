package org.neuronkit.symbolic;

import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import org.neuronkit.DataException;

/**
 * A scalar expression for symbolic differentiation (docs/chapter.md §5): numbers, variables, + − × ÷ ^, unary
 * minus and the functions exp, log, sin, cos, sqrt, tanh and sigma (the logistic σ). Expressions are
 * immutable trees; {@link #derivative} rewrites one into its derivative by rules and simplifies it.
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

    /** The functions of one argument. */
    enum Fn {
        NEG("-", v -> -v),
        EXP("exp", Math::exp),
        LOG("log", Math::log),
        SIN("sin", Math::sin),
        COS("cos", Math::cos),
        SQRT("sqrt", Math::sqrt),
        TANH("tanh", Math::tanh),
        SIGMA("sigma", v -> v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));

        final String symbol;
        private final DoubleUnaryOperator f;

        Fn(String symbol, DoubleUnaryOperator f) {
            this.symbol = symbol;
            this.f = f;
        }

        public double apply(double v) {
            return f.applyAsDouble(v);
        }
    }

    /** The binary operators, with their precedence (higher binds tighter). */
    enum Op {
        ADD("+", 1, Double::sum),
        SUB("-", 1, (a, b) -> a - b),
        MUL("*", 2, (a, b) -> a * b),
        DIV("/", 2, (a, b) -> a / b),
        POW("^", 4, Math::pow);

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
    }
}
