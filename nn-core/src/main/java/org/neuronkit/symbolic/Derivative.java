package org.neuronkit.symbolic;

import static org.neuronkit.symbolic.Expr.Fn.COS;
import static org.neuronkit.symbolic.Expr.Fn.NEG;
import static org.neuronkit.symbolic.Expr.Fn.SIGMA;
import static org.neuronkit.symbolic.Expr.Fn.SIN;
import static org.neuronkit.symbolic.Expr.Fn.SQRT;
import static org.neuronkit.symbolic.Expr.Fn.TANH;
import static org.neuronkit.symbolic.Expr.Op.ADD;
import static org.neuronkit.symbolic.Expr.Op.DIV;
import static org.neuronkit.symbolic.Expr.Op.MUL;
import static org.neuronkit.symbolic.Expr.Op.POW;
import static org.neuronkit.symbolic.Expr.Op.SUB;

import org.neuronkit.symbolic.Expr.Binary;
import org.neuronkit.symbolic.Expr.Call;
import org.neuronkit.symbolic.Expr.Fn;
import org.neuronkit.symbolic.Expr.Num;
import org.neuronkit.symbolic.Expr.Op;
import org.neuronkit.symbolic.Expr.Select;
import org.neuronkit.symbolic.Expr.Var;

/**
 * The rules of symbolic differentiation (docs/chapter.md §5), one line each; u′ = ∂u/∂x. The result is not simplified.
 * The piecewise functions differentiate into selections, which pick one side's slope instead of multiplying
 * a 0/1 mask (so an infinite slope on the side not taken never makes a NaN): max(u, v)′ = ifpos(u − v, u′, v′),
 * min(u, v)′ = ifpos(v − u, u′, v′), abs′(u) = ifpos(u, 1, −1), ifpos(t, a, b)′ = ifpos(t, a′, b′) (the test
 * is piecewise constant). At a tie that takes the second argument's slope: max(z, 0)′ = 0 at z = 0.
 */
final class Derivative {
    private static final Expr ZERO = new Num(0);
    private static final Expr ONE = new Num(1);
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private Derivative() {}

    static Expr of(Expr e, String x) {
        if (e instanceof Var v) {
            return v.name().equals(x) ? ONE : ZERO;
        }
        if (e instanceof Call c) {
            return mul(outer(c.fn(), c.arg()), of(c.arg(), x));                      // chain rule: f(u)′ = f′(u)·u′
        }
        if (e instanceof Binary b) {
            return binary(b.op(), b.left(), b.right(), of(b.left(), x), of(b.right(), x), x);
        }
        if (e instanceof Select s) {
            return new Select(s.test(), of(s.positive(), x), of(s.otherwise(), x));
        }
        return ZERO;                                                                 // a number
    }

    /** f′(u) for each function. */
    private static Expr outer(Fn f, Expr u) {
        return switch (f) {
            case NEG -> new Num(-1);
            case EXP -> new Call(Fn.EXP, u);                                                   // exp′ = exp
            case LOG -> bin(DIV, ONE, u);                                                      // log′(u) = 1/u
            case SIN -> new Call(COS, u);                                                      // sin′ = cos
            case COS -> new Call(NEG, new Call(SIN, u));                                       // cos′ = −sin
            case SQRT -> bin(DIV, ONE, bin(MUL, new Num(2), new Call(SQRT, u)));               // 1/(2√u)
            case TANH -> bin(SUB, ONE, bin(POW, new Call(TANH, u), new Num(2)));               // 1 − tanh²
            case SIGMA -> bin(MUL, new Call(SIGMA, u), bin(SUB, ONE, new Call(SIGMA, u)));     // σ(1 − σ)
            case ABS -> new Select(u, ONE, new Num(-1));                                       // sign, −1 at 0
            case ERF -> bin(MUL, new Num(TWO_OVER_SQRT_PI), new Call(Fn.EXP, new Call(NEG, bin(POW, u, new Num(2)))));  // 2/√π e^(−u²)
        };
    }

    private static Expr binary(Op op, Expr u, Expr v, Expr du, Expr dv, String x) {
        return switch (op) {
            case ADD -> bin(ADD, du, dv);
            case SUB -> bin(SUB, du, dv);
            case MUL -> bin(ADD, mul(du, v), mul(u, dv));                                       // product rule
            case DIV -> bin(DIV, bin(SUB, mul(du, v), mul(u, dv)), bin(POW, v, new Num(2)));    // quotient rule
            case POW -> v.dependsOn(x)
                    ? mul(bin(POW, u, v), bin(ADD, mul(dv, new Call(Fn.LOG, u)), bin(DIV, mul(v, du), u)))  // (u^v)′ = u^v (v′ log u + v u′/u)
                    : mul(mul(v, bin(POW, u, bin(SUB, v, ONE))), du);                           // (u^c)′ = c u^(c−1) u′
            case MAX -> new Select(bin(SUB, u, v), du, dv);
            case MIN -> new Select(bin(SUB, v, u), du, dv);
        };
    }

    private static Expr mul(Expr a, Expr b) {
        return bin(MUL, a, b);
    }

    private static Expr bin(Op op, Expr a, Expr b) {
        return new Binary(op, a, b);
    }
}
