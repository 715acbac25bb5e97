package org.neuronkit.autodiff;

import java.util.Arrays;

import org.neuronkit.DataException;
import org.neuronkit.activation.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Mean;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Max;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The calculus of the computational graph (docs/chapter.md §5) on one screen: every elementary operation with
 * its value, its vector-Jacobian product (reverse mode, g = ∂L/∂y) and its Jacobian-vector product
 * (forward mode, t = tangent of input i). x are the input values, y the output value.
 * Broadcast results are summed back (reverse) or repeated out (forward) by {@link ChainRule}.
 *
 * <p>Shapes: element-wise binary ops broadcast scalars, 1×M rows and N×1 columns against N×M;
 * matmul takes N×K and K×M; reductions along an axis keep that axis with size 1, full reductions
 * and the losses give a rank-0 scalar; logSoftmax and the losses work row-wise on N×C.
 */
final class Rules {
    private Rules() {}

    // Each entry: name, shape rule, value; on the next line its VJP (∂y/∂xᵢ)ᵀg and its JVP (∂y/∂xᵢ)t.
    static final Primitive ADD = new Primitive("add", Rules::broadcast, (x, y) -> x[0].addi(x[1], y),
            (i, x, y, g) -> g,                                        (i, x, y, t) -> t);
    static final Primitive SUB = new Primitive("sub", Rules::broadcast, (x, y) -> x[0].subi(x[1], y),
            (i, x, y, g) -> i == 0 ? g : g.neg(),                     (i, x, y, t) -> i == 0 ? t : t.neg());
    static final Primitive MUL = new Primitive("mul", Rules::broadcast, (x, y) -> x[0].muli(x[1], y),
            (i, x, y, g) -> g.mul(x[1 - i]),                          (i, x, y, t) -> t.mul(x[1 - i]));
    static final Primitive DIV = new Primitive("div", Rules::broadcast, (x, y) -> x[0].divi(x[1], y),
            (i, x, y, g) -> i == 0 ? g.div(x[1]) : g.mul(y).divi(x[1]).negi(),
            (i, x, y, t) -> i == 0 ? t.div(x[1]) : t.mul(y).divi(x[1]).negi());
    static final Primitive MAX = new Primitive("max", Rules::broadcast, (x, y) -> Nd4j.exec(new Max(x[0], x[1], y)),
            (i, x, y, g) -> g.mul(wins(i, x)),                        (i, x, y, t) -> t.mul(wins(i, x)));
    static final Primitive NEG = new Primitive("neg", Rules::same, (x, y) -> y.assign(x[0]).negi(),
            (i, x, y, g) -> g.neg(),                                  (i, x, y, t) -> t.neg());
    static final Primitive EXP = new Primitive("exp", Rules::same, (x, y) -> Transforms.exp(y.assign(x[0]), false),
            (i, x, y, g) -> g.mul(y),                                 (i, x, y, t) -> t.mul(y));
    static final Primitive LOG = new Primitive("log", Rules::same, (x, y) -> Transforms.log(y.assign(x[0]), false),
            (i, x, y, g) -> g.div(x[0]),                              (i, x, y, t) -> t.div(x[0]));
    static final Primitive SIN = new Primitive("sin", Rules::same, (x, y) -> Transforms.sin(y.assign(x[0]), false),
            (i, x, y, g) -> g.mul(Transforms.cos(x[0])),              (i, x, y, t) -> t.mul(Transforms.cos(x[0])));
    static final Primitive COS = new Primitive("cos", Rules::same, (x, y) -> Transforms.cos(y.assign(x[0]), false),
            (i, x, y, g) -> g.mul(Transforms.sin(x[0])).negi(),       (i, x, y, t) -> t.mul(Transforms.sin(x[0])).negi());
    static final Primitive SQRT = new Primitive("sqrt", Rules::same, (x, y) -> Transforms.sqrt(y.assign(x[0]), false),
            (i, x, y, g) -> g.div(y).divi(2),                         (i, x, y, t) -> t.div(y).divi(2));
    static final Primitive ABS = new Primitive("abs", Rules::same, (x, y) -> Transforms.abs(y.assign(x[0]), false),
            (i, x, y, g) -> g.mul(Transforms.sign(x[0])),             (i, x, y, t) -> t.mul(Transforms.sign(x[0])));
    static final Primitive MATMUL = new Primitive("matmul", Rules::matmul, (x, y) -> x[0].mmuli(x[1], y),
            (i, x, y, g) -> i == 0 ? g.mmul(x[1].transpose()) : x[0].transpose().mmul(g),
            (i, x, y, t) -> i == 0 ? t.mmul(x[1]) : x[0].mmul(t));
    static final Primitive TRANSPOSE = new Primitive("transpose", Rules::transposed, (x, y) -> y.assign(x[0].transpose()),
            (i, x, y, g) -> g.transpose(),                            (i, x, y, t) -> t.transpose());
    static final Primitive LOG_SOFTMAX = new Primitive("logSoftmax", Rules::rows, Rules::logSoftmax,
            (i, x, y, g) -> Transforms.exp(y, true).muliColumnVector(g.sum(true, 1)).rsubi(g),
            (i, x, y, t) -> t.subColumnVector(Transforms.exp(y, true).muli(t).sum(true, 1)));
    /** L = −(1/N) Σ target ⊙ log p, inputs (p, target). */
    static final Primitive CROSS_ENTROPY = new Primitive("crossEntropy", Rules::pair,
            (x, y) -> y.assign(Transforms.log(x[0], true).muli(x[1]).sumNumber().doubleValue() / -rows(x[0])),
            (i, x, y, g) -> (i == 0 ? x[1].div(x[0]) : Transforms.log(x[0], true)).muli(-g.getDouble(0) / rows(x[0])),
            (i, x, y, t) -> (i == 0 ? x[1].div(x[0]) : Transforms.log(x[0], true)).muli(t).sum().muli(-1.0 / rows(x[0])));
    /** L = (1/2N) Σ (ŷ − target)², inputs (ŷ, target). */
    static final Primitive SQUARED_ERROR = new Primitive("squaredError", Rules::pair,
            (x, y) -> y.assign(Transforms.pow(x[0].sub(x[1]), 2, false).sumNumber().doubleValue() / (2.0 * rows(x[0]))),
            (i, x, y, g) -> x[0].sub(x[1]).muli((i == 0 ? 1 : -1) * g.getDouble(0) / rows(x[0])),
            (i, x, y, t) -> x[0].sub(x[1]).muli(t).sum().muli((i == 0 ? 1.0 : -1.0) / rows(x[0])));

    /**
     * A docs/chapter.md §1 activation a = f(z), reusing its own forward and backward. Element-wise functions have
     * a diagonal Jacobian and softmax a symmetric one, so backward(z, a, t) is also the JVP.
     */
    static Primitive activation(Activation f) {
        return new Primitive(f.spec(), (op, in) -> f.spec().equals("softmax") ? rows(op, in) : in[0],
                (x, y) -> f.forward(x[0], y),
                (i, x, y, g) -> chain(f, x[0], y, g),                 (i, x, y, t) -> chain(f, x[0], y, t));
    }

    static Primitive pow(double p) {
        return new Primitive("pow(" + p + ")", Rules::same, (x, y) -> Transforms.pow(y.assign(x[0]), p, false),
                (i, x, y, g) -> g.mul(Transforms.pow(x[0], p - 1, true)).muli(p),
                (i, x, y, t) -> t.mul(Transforms.pow(x[0], p - 1, true)).muli(p));
    }

    /** Sum over the given axes (all when none), keeping reduced axes with size 1. */
    static Primitive sum(int... axes) {
        return new Primitive(reduced("sum", axes), (op, in) -> reduce(op, in[0], axes),
                (x, y) -> Nd4j.exec(new Sum(x[0], y, axes.length > 0, axes)),
                (i, x, y, g) -> g.broadcast(x[0].shape()),
                (i, x, y, t) -> axes.length == 0 ? t.sum() : t.sum(true, axes));
    }

    static Primitive mean(int... axes) {
        return new Primitive(reduced("mean", axes), (op, in) -> reduce(op, in[0], axes),
                (x, y) -> Nd4j.exec(new Mean(x[0], y, axes.length > 0, axes)),
                (i, x, y, g) -> g.broadcast(x[0].shape()).divi(x[0].length() / y.length()),
                (i, x, y, t) -> axes.length == 0 ? t.mean() : t.mean(true, axes));
    }

    static Primitive reshape(long... shape) {
        return new Primitive("reshape" + Arrays.toString(shape), (op, in) -> reshaped(op, in[0], shape),
                (x, y) -> y.assign(x[0].reshape('c', shape)),
                (i, x, y, g) -> g.reshape('c', x[0].shape()),
                (i, x, y, t) -> t.reshape('c', shape));
    }

    // ---- shapes -------------------------------------------------------------------------------

    private static long[] same(String op, long[][] in) {
        return in[0];
    }

    private static long[] broadcast(String op, long[][] in) {
        return Shapes.broadcast(op, in[0], in[1]);
    }

    private static long[] matmul(String op, long[][] in) {
        long[] a = in[0];
        long[] b = in[1];
        if (a.length != 2 || b.length != 2 || a[1] != b[0]) {
            throw Shapes.mismatch(op, a, b, "do not multiply (need N×K and K×M)");
        }
        return new long[] {a[0], b[1]};
    }

    private static long[] transposed(String op, long[][] in) {
        long[] s = in[0].clone();
        for (int k = 0; k < s.length / 2; k++) {
            long d = s[k];
            s[k] = s[s.length - 1 - k];
            s[s.length - 1 - k] = d;
        }
        return s;
    }

    private static long[] rows(String op, long[][] in) {
        if (in[0].length != 2) {
            throw new DataException(op + ": needs a matrix N×C, got shape " + Arrays.toString(in[0]));
        }
        return in[0];
    }

    private static long[] pair(String op, long[][] in) {
        if (!Arrays.equals(in[0], in[1])) {
            throw Shapes.mismatch(op, in[0], in[1], "differ (prediction and target must have the same shape)");
        }
        return new long[0];
    }

    private static long[] reduce(String op, long[] in, int[] axes) {
        if (axes.length == 0) {
            return new long[0];
        }
        long[] s = in.clone();
        for (int a : axes) {
            if (a < 0 || a >= s.length) {
                throw new DataException(op + ": axis " + a + " is outside shape " + Arrays.toString(in));
            }
            s[a] = 1;
        }
        return s;
    }

    private static long[] reshaped(String op, long[] in, long[] shape) {
        if (Shapes.prod(in) != Shapes.prod(shape)) {
            throw Shapes.mismatch(op, in, shape, "have different numbers of elements");
        }
        return shape.clone();
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static String reduced(String name, int[] axes) {
        return axes.length == 0 ? name : name + "(axis " + Arrays.toString(axes).replaceAll("[\\[\\]]", "") + ")";
    }

    /** 1 where input i is the maximum (ties go to input 1), else 0, in the broadcast shape. */
    private static INDArray wins(int i, INDArray[] x) {
        INDArray first = Transforms.step(x[0].sub(x[1]), false);
        return i == 0 ? first : first.rsubi(1);
    }

    private static INDArray chain(Activation f, INDArray z, INDArray a, INDArray v) {
        INDArray out = z.ulike();
        f.backward(z, a, v, out);
        return out;
    }

    private static long rows(INDArray a) {
        return a.rank() >= 2 ? a.size(0) : 1;
    }

    /** y = x − log Σ_row exp(x), computed with the row maximum subtracted first so that it cannot overflow. */
    private static void logSoftmax(INDArray[] x, INDArray y) {
        y.assign(x[0]).subiColumnVector(x[0].max(true, 1));
        y.subiColumnVector(Transforms.log(Transforms.exp(y, true).sum(true, 1), false));
    }
}
