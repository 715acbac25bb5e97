package org.neuronkit.symbolic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.neuronkit.symbolic.Expr.Binary;
import org.neuronkit.symbolic.Expr.Call;
import org.neuronkit.symbolic.Expr.Select;
import org.neuronkit.symbolic.Expr.Var;

/** Walks of an expression tree: replacing subtrees, listing variables. */
final class Rewriter {
    private Rewriter() {}

    static Expr replace(Expr e, Expr target, Expr replacement) {
        if (e.equals(target)) {
            return replacement;
        }
        if (e instanceof Call c) {
            return new Call(c.fn(), replace(c.arg(), target, replacement));
        }
        if (e instanceof Binary b) {
            return new Binary(b.op(), replace(b.left(), target, replacement), replace(b.right(), target, replacement));
        }
        if (e instanceof Select s) {
            return new Select(replace(s.test(), target, replacement), replace(s.positive(), target, replacement),
                    replace(s.otherwise(), target, replacement));
        }
        return e;
    }

    static List<String> variables(Expr e) {
        Set<String> names = new LinkedHashSet<>();
        collect(e, names);
        return new ArrayList<>(names);
    }

    private static void collect(Expr e, Set<String> names) {
        if (e instanceof Var v) {
            names.add(v.name());
        } else if (e instanceof Call c) {
            collect(c.arg(), names);
        } else if (e instanceof Binary b) {
            collect(b.left(), names);
            collect(b.right(), names);
        } else if (e instanceof Select s) {
            collect(s.test(), names);
            collect(s.positive(), names);
            collect(s.otherwise(), names);
        }
    }
}
