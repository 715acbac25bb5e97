package org.neuronkit.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.autodiff.Node;
import org.neuronkit.autodiff.Tape;
import org.neuronkit.gradcheck.FiniteDifferences;
import org.neuronkit.gradcheck.StepSizeStudy;
import org.neuronkit.symbolic.Expr;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code neuronkit study gradients}: docs/chapter.md §5's worked example, f(x; w, b) = 1/(exp(−(wx + b)) + 1)
 * at x = 1, w = 0, b = 0, differentiated by all three methods of the chapter, and the step-size
 * trade-off of numerical differentiation.
 */
@Command(name = "gradients", mixinStandardHelpOptions = true,
        description = "docs/chapter.md §5's worked example by reverse mode, forward mode, symbolic and numerical differentiation, "
                + "with its computational graph, and the step-size trade-off of finite differences.")
final class GradientMethodsCommand implements Callable<Integer> {
    private static final String F = "1/(exp(-(w*x+b))+1)";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("f(x; w, b) = " + F + " at x = 1, w = 0, b = 0");
        out.println();

        Tape reverse = new Tape(DataType.DOUBLE);
        Node f = example(reverse, null, null);
        reverse.backward(f);
        out.println("computational graph (reverse mode; h1 = wx, h2 = h1 + b, h3 = −h2, h4 = exp(h3), h5 = h4 + 1, h6 = 1/h5):");
        out.println(reverse);
        double dwReverse = node(reverse, "w").grad().getDouble(0);
        double dbReverse = node(reverse, "b").grad().getDouble(0);

        double dwForward = example(new Tape(DataType.DOUBLE), 1.0, 0.0).tangent().getDouble(0);
        double dbForward = example(new Tape(DataType.DOUBLE), 0.0, 1.0).tangent().getDouble(0);

        Expr expression = Expr.parse(F);
        Map<String, Double> at = Map.of("x", 1.0, "w", 0.0, "b", 0.0);
        Expr dw = expression.derivative("w");
        Expr db = expression.derivative("b");

        double dwNumeric = FiniteDifferences.central(w -> expression.evaluate(Map.of("x", 1.0, "w", w, "b", 0.0)), 0.0, 1e-5);
        double dbNumeric = FiniteDifferences.central(b -> expression.evaluate(Map.of("x", 1.0, "w", 0.0, "b", b)), 0.0, 1e-5);

        out.printf("%-28s %14s %14s%n", "method", "∂f/∂w", "∂f/∂b");
        out.printf("%-28s %14.10f %14.10f%n", "reverse mode (one pass)", dwReverse, dbReverse);
        out.printf("%-28s %14.10f %14.10f%n", "forward mode (two passes)", dwForward, dbForward);
        out.printf("%-28s %14.10f %14.10f%n", "symbolic", dw.evaluate(at), db.evaluate(at));
        out.printf("%-28s %14.10f %14.10f%n", "central differences, h=1e-5", dwNumeric, dbNumeric);
        out.println();
        out.println("symbolic ∂f/∂w = " + dw);
        out.println("symbolic ∂f/∂b = " + db);
        out.println();
        out.println("step-size trade-off for σ′(1) (absolute error against σ(1)(1 − σ(1))):");
        out.printf("%10s %16s %16s%n", "h", "forward", "central");
        for (StepSizeStudy.Row row : StepSizeStudy.logisticAtOne()) {
            out.printf("%10.0e %16.3e %16.3e%n", row.step(), row.forwardError(), row.centralError());
        }
        return 0;
    }

    /** Builds f on {@code tape}; with tangents for w and b, forward mode runs alongside. */
    private static Node example(Tape tape, Double tangentW, Double tangentB) {
        Node w = tangentW == null ? tape.variable("w", Nd4j.scalar(0.0))
                : tape.variable("w", Nd4j.scalar(0.0), Nd4j.scalar(tangentW));
        Node b = tangentB == null ? tape.variable("b", Nd4j.scalar(0.0))
                : tape.variable("b", Nd4j.scalar(0.0), Nd4j.scalar(tangentB));
        Node x = tape.constant("x", Nd4j.scalar(1.0));
        return tape.constant(1).div(w.mul(x).add(b).neg().exp().add(1));
    }

    private static Node node(Tape tape, String name) {
        return tape.nodes().stream().filter(n -> name.equals(n.name())).findFirst().orElseThrow();
    }
}
