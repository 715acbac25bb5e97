package org.neuronkit.autodiff;

import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Prints a graph's nodes as text and as Graphviz DOT. */
final class GraphPrinter {
    /** Arrays with more elements than this are summarised by shape, mean and maximum magnitude. */
    private static final long MAX_PRINTED = 6;

    private GraphPrinter() {}

    static String text(List<Node> nodes) {
        StringBuilder sb = new StringBuilder();
        for (Node n : nodes) {
            StringBuilder line = new StringBuilder(String.format("%-8s = %-28s value %-10s", n.name, definition(n), show(n.value)));
            if (n.grad != null) {
                line.append(String.format(" grad %-10s", show(n.grad)));
            }
            if (n.tangent != null) {
                line.append(" tangent ").append(show(n.tangent));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    static String dot(List<Node> nodes) {
        StringBuilder sb = new StringBuilder("digraph G {\n  rankdir=LR;\n");
        for (Node n : nodes) {
            String label = n.name + "\\n" + escape(definition(n)) + "\\nvalue " + escape(show(n.value))
                    + (n.grad != null ? "\\ngrad " + escape(show(n.grad)) : "");
            sb.append(String.format("  n%d [shape=%s, label=\"%s\"];%n", n.id, n.op == null ? "box" : "ellipse", label));
            for (Node in : n.inputs) {
                sb.append(String.format("  n%d -> n%d;%n", in.id, n.id));
            }
        }
        return sb.append("}\n").toString();
    }

    private static String definition(Node n) {
        if (n.op == null) {
            return n.operation();
        }
        StringJoiner args = new StringJoiner(", ", n.op.name() + "(", ")");
        for (Node in : n.inputs) {
            args.add(in.name);
        }
        return args.toString();
    }

    static String show(INDArray a) {
        if (a == null) {
            return "-";
        }
        if (a.length() == 1) {
            return Graph.format(a.getDouble(0));
        }
        String shape = Arrays.toString(a.shape());
        if (a.length() > MAX_PRINTED) {
            return shape + " mean " + Graph.format(a.meanNumber().doubleValue())
                    + " max|.| " + Graph.format(a.amaxNumber().doubleValue());
        }
        StringJoiner values = new StringJoiner(", ", shape + " {", "}");
        for (double v : a.dup('c').data().asDouble()) {
            values.add(Graph.format(v));
        }
        return values.toString();
    }

    private static String escape(String s) {
        return s.replace("\"", "\\\"");
    }
}
