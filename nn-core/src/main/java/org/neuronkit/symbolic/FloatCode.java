package org.neuronkit.symbolic;

import java.util.function.UnaryOperator;

import org.neuronkit.symbolic.Expr.Binary;
import org.neuronkit.symbolic.Expr.Call;
import org.neuronkit.symbolic.Expr.Fn;
import org.neuronkit.symbolic.Expr.Num;
import org.neuronkit.symbolic.Expr.Op;
import org.neuronkit.symbolic.Expr.Select;
import org.neuronkit.symbolic.Expr.Var;

/**
 * Prints an expression as single-precision source code: CUDA C for the GPU kernels (expf, tanhf, erff,
 * fmaxf, …) or Java for their CPU twin ({@code (float) Math.exp(…)}, …). Every operation is parenthesised;
 * numbers are float literals ({@code 0.7978846f}); x^k for k = 2, 3, 4 is a product (as fast as it is exact);
 * ifpos(t, a, b) is {@code (t > 0.0f ? a : b)}. The logistic σ and erf call helpers the generated file must
 * define: {@code nk_sigmoid} and, in Java, {@code nk_erf}.
 */
public final class FloatCode {

    /** The language printed. */
    public enum Dialect {
        /** CUDA C (also host C++ with the math library). */
        CUDA,
        /** Java, every double result cast to float. */
        JAVA
    }

    private final Dialect dialect;
    private final UnaryOperator<String> variables;

    /**
     * @param dialect the language
     * @param variables the code for each variable name, e.g. {@code z → z}, {@code γ → p}
     */
    public FloatCode(Dialect dialect, UnaryOperator<String> variables) {
        this.dialect = dialect;
        this.variables = variables;
    }

    /** {@code e} as an expression of type float. */
    public String print(Expr e) {
        if (e instanceof Num n) {
            return literal(n.value());
        }
        if (e instanceof Var v) {
            return variables.apply(v.name());
        }
        if (e instanceof Call c) {
            return call(c.fn(), print(c.arg()));
        }
        if (e instanceof Select s) {
            return "(" + print(s.test()) + " > 0.0f ? " + print(s.positive()) + " : " + print(s.otherwise()) + ")";
        }
        Binary b = (Binary) e;
        return binary(b.op(), b.left(), b.right());
    }

    private String binary(Op op, Expr left, Expr right) {
        String l = print(left);
        String r = print(right);
        return switch (op) {
            case ADD, SUB, MUL, DIV -> "(" + l + " " + op.symbol + " " + r + ")";
            case POW -> right instanceof Num n && (n.value() == 2 || n.value() == 3 || n.value() == 4)
                    ? "(" + String.join(" * ", java.util.Collections.nCopies((int) n.value(), l)) + ")"
                    : function("powf", "Math.pow", l + ", " + r);
            case MAX -> function("fmaxf", "Math.max", l + ", " + r);
            case MIN -> function("fminf", "Math.min", l + ", " + r);
        };
    }

    private String call(Fn fn, String arg) {
        return switch (fn) {
            case NEG -> "(- " + arg + ")";
            case EXP -> function("expf", "Math.exp", arg);
            case LOG -> function("logf", "Math.log", arg);
            case SIN -> function("sinf", "Math.sin", arg);
            case COS -> function("cosf", "Math.cos", arg);
            case SQRT -> function("sqrtf", "Math.sqrt", arg);
            case TANH -> function("tanhf", "Math.tanh", arg);
            case SIGMA -> "nk_sigmoid(" + arg + ")";
            case ABS -> function("fabsf", "Math.abs", arg);
            case ERF -> dialect == Dialect.CUDA ? "erff(" + arg + ")" : "nk_erf(" + arg + ")";
        };
    }

    /** A math function: CUDA's float version, or Java's double one cast to float (Math.max/min/abs of floats stay float). */
    private String function(String cuda, String java, String args) {
        if (dialect == Dialect.CUDA) {
            return cuda + "(" + args + ")";
        }
        boolean floatResult = java.equals("Math.max") || java.equals("Math.min") || java.equals("Math.abs");
        return floatResult ? java + "(" + args + ")" : "((float) " + java + "(" + args + "))";
    }

    /** The float nearest to {@code v}, in a form both C and Java read: 0.7978846f, 1.0f, 1.0E-20f. */
    static String literal(double v) {
        if (!Float.isFinite((float) v)) {
            throw new IllegalArgumentException("the number " + v + " has no finite float literal");
        }
        return Float.toString((float) v) + "f";
    }
}
