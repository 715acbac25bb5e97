package org.neuronkit.symbolic;

import static org.neuronkit.symbolic.Expr.Fn.NEG;

import org.neuronkit.symbolic.Expr.Binary;
import org.neuronkit.symbolic.Expr.Call;
import org.neuronkit.symbolic.Expr.Num;
import org.neuronkit.symbolic.Expr.Op;
import org.neuronkit.symbolic.Expr.Select;

/**
 * Bottom-up simplification: children first, then one local rule at the node. Rules: constant
 * folding (when the result is finite), x + 0 = 0 + x = x, x − 0 = x, 0 − x = −x, x − x = 0,
 * x·1 = 1·x = x, x·0 = 0·x = 0, (−1)·x = −x, x/1 = x, 0/x = 0, x/x = 1, x^1 = x, x^0 = 1, 1^x = 1,
 * −(−x) = x, and signs move out of products and quotients: x·(−y) = −(x·y), x + (−y) = x − y,
 * x − (−y) = x + y (also for a negative number y); ifpos(t, a, a) = a, and a selection on a constant test is the side it selects. (Like most computer-algebra systems, 0·x = 0 and x/x = 1 ignore the points where
 * x is infinite or zero.)
 */
final class Simplifier {
    private Simplifier() {}

    static Expr simplify(Expr e) {
        if (e instanceof Call c) {
            return call(c.fn(), simplify(c.arg()));
        }
        if (e instanceof Binary b) {
            return binary(b.op(), simplify(b.left()), simplify(b.right()));
        }
        if (e instanceof Select s) {
            return select(simplify(s.test()), simplify(s.positive()), simplify(s.otherwise()));
        }
        return e;
    }

    private static Expr select(Expr test, Expr positive, Expr otherwise) {
        if (test instanceof Num n) {
            return n.value() > 0 ? positive : otherwise;
        }
        return positive.equals(otherwise) ? positive : new Select(test, positive, otherwise);
    }

    private static Expr call(Expr.Fn fn, Expr a) {
        if (a instanceof Num n && Double.isFinite(fn.apply(n.value()))) {
            return new Num(fn.apply(n.value()));
        }
        if (fn == NEG && a instanceof Call inner && inner.fn() == NEG) {
            return inner.arg();
        }
        return new Call(fn, a);
    }

    private static Expr binary(Op op, Expr a, Expr b) {
        if (a instanceof Num x && b instanceof Num y && Double.isFinite(op.apply(x.value(), y.value()))) {
            return new Num(op.apply(x.value(), y.value()));
        }
        switch (op) {
            case ADD:
                if (is(a, 0)) return b;
                if (is(b, 0)) return a;
                if (negated(b)) return binary(Op.SUB, a, ((Call) b).arg());
                if (b instanceof Num n && n.value() < 0) return binary(Op.SUB, a, new Num(-n.value()));
                break;
            case SUB:
                if (is(b, 0)) return a;
                if (is(a, 0)) return call(NEG, b);
                if (a.equals(b)) return new Num(0);
                if (negated(b)) return binary(Op.ADD, a, ((Call) b).arg());
                if (b instanceof Num n && n.value() < 0) return binary(Op.ADD, a, new Num(-n.value()));
                break;
            case MUL:
                if (is(a, 0) || is(b, 0)) return new Num(0);
                if (is(a, 1)) return b;
                if (is(b, 1)) return a;
                if (is(a, -1)) return call(NEG, b);
                if (is(b, -1)) return call(NEG, a);
                if (negated(a)) return call(NEG, binary(op, ((Call) a).arg(), b));
                if (negated(b)) return call(NEG, binary(op, a, ((Call) b).arg()));
                break;
            case DIV:
                if (is(a, 0)) return new Num(0);
                if (is(b, 1)) return a;
                if (a.equals(b)) return new Num(1);
                if (negated(a)) return call(NEG, binary(op, ((Call) a).arg(), b));
                if (negated(b)) return call(NEG, binary(op, a, ((Call) b).arg()));
                break;
            case POW:
                if (is(b, 0) || is(a, 1)) return new Num(1);
                if (is(b, 1)) return a;
                break;
            default:
                break;
        }
        return new Binary(op, a, b);
    }

    private static boolean is(Expr e, double v) {
        return e instanceof Num n && n.value() == v;
    }

    private static boolean negated(Expr e) {
        return e instanceof Call c && c.fn() == NEG;
    }
}
