package org.neuronkit.onnx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.neuronkit.ModelFileException;
import org.neuronkit.onnx.proto.Onnx.AttributeProto;
import org.neuronkit.onnx.proto.Onnx.GraphProto;
import org.neuronkit.onnx.proto.Onnx.NodeProto;
import org.neuronkit.onnx.proto.Onnx.TensorProto;
import org.neuronkit.onnx.proto.Onnx.ValueInfoProto;

/**
 * An ONNX graph seen as what an MLP is: one input, one output, and a single chain of nodes between
 * them, each taking the previous node's output plus constants (initializers or {@code Constant}
 * nodes). Anything else, a second input, a branch, a node that takes two computed tensors or a node
 * off the path, is rejected with an error that names the node and its op type.
 */
final class GraphChain {
    private final ValueInfoProto input;
    private final List<NodeProto> nodes;
    private final Map<String, TensorProto> constants;

    private GraphChain(ValueInfoProto input, List<NodeProto> nodes, Map<String, TensorProto> constants) {
        this.input = input;
        this.nodes = nodes;
        this.constants = constants;
    }

    /** The graph's input: the N × F feature matrix. */
    ValueInfoProto input() {
        return input;
    }

    /** The nodes from the input to the output, in order. */
    List<NodeProto> nodes() {
        return nodes;
    }

    /** The constant tensor named {@code name}, or null if it is computed. */
    TensorProto constant(String name) {
        return constants.get(name);
    }

    /**
     * The chain of {@code graph}.
     *
     * @param source the file (or other origin) named in error messages
     * @throws ModelFileException if the graph is not a single chain from one input to one output
     */
    static GraphChain of(GraphProto graph, String source) {
        Map<String, TensorProto> constants = new HashMap<>();
        graph.getInitializerList().forEach(t -> constants.put(t.getName(), t));
        List<NodeProto> operations = new ArrayList<>();
        for (NodeProto node : graph.getNodeList()) {
            if (node.getOutputCount() == 0 || node.getOutput(0).isEmpty()) {
                throw new ModelFileException(source + ": " + describe(node) + " has no outputs");
            }
            if (node.getOpType().equals("Constant")) {
                constants.put(node.getOutput(0), constantValue(node, source));
            } else {
                operations.add(node);
            }
        }
        List<ValueInfoProto> inputs = graph.getInputList().stream().filter(i -> !constants.containsKey(i.getName())).toList();
        if (inputs.size() != 1 || graph.getOutputCount() != 1) {
            throw new ModelFileException(source + ": the graph has " + inputs.size() + " input(s) " + names(inputs) + " and "
                    + graph.getOutputCount() + " output(s) " + names(graph.getOutputList())
                    + "; NeuronKit imports a graph with one input (the features) and one output");
        }
        Map<String, List<NodeProto>> consumers = new HashMap<>();
        for (NodeProto node : operations) {
            node.getInputList().stream().distinct().forEach(name -> consumers.computeIfAbsent(name, k -> new ArrayList<>()).add(node));
        }
        String output = graph.getOutput(0).getName();
        String current = inputs.get(0).getName();
        List<NodeProto> chain = new ArrayList<>();
        while (!current.equals(output)) {
            List<NodeProto> next = consumers.getOrDefault(current, List.of());
            if (next.size() != 1) {
                throw new ModelFileException(source + ": tensor '" + current + "' feeds " + next.size() + " node(s) "
                        + next.stream().map(GraphChain::describe).collect(Collectors.joining(", ", "[", "]"))
                        + " and is not the graph output '" + output + "'; NeuronKit imports a single chain of layers, not branches");
            }
            NodeProto node = next.get(0);
            checkInputs(node, current, constants, source);
            checkExtraOutputs(node, consumers, output, source);
            chain.add(node);
            if (chain.size() > operations.size()) {
                throw new ModelFileException(source + ": the graph has a cycle through " + describe(node));
            }
            current = node.getOutput(0);
        }
        Set<NodeProto> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
        onPath.addAll(chain);
        for (NodeProto node : operations) {
            if (!onPath.contains(node)) {
                throw new ModelFileException(source + ": " + describe(node) + " is not on the path from the input '"
                        + inputs.get(0).getName() + "' to the output '" + output + "'; NeuronKit imports a single chain of layers");
            }
        }
        return new GraphChain(inputs.get(0), List.copyOf(chain), constants);
    }

    /** Every input of {@code node} is the previous node's output, a constant, or omitted (empty name). */
    private static void checkInputs(NodeProto node, String current, Map<String, TensorProto> constants, String source) {
        for (String name : node.getInputList()) {
            if (!name.isEmpty() && !name.equals(current) && !constants.containsKey(name)) {
                throw new ModelFileException(source + ": " + describe(node) + " takes '" + name
                        + "', which is neither the output of the node before it nor a constant; NeuronKit imports a single chain of layers");
            }
        }
    }

    /** A node's outputs after the first (Dropout's mask) must be unused. */
    private static void checkExtraOutputs(NodeProto node, Map<String, List<NodeProto>> consumers, String output, String source) {
        for (String name : node.getOutputList().subList(1, node.getOutputCount())) {
            if (!name.isEmpty() && (consumers.containsKey(name) || name.equals(output))) {
                throw new ModelFileException(source + ": " + describe(node) + " has a second output '" + name
                        + "' that the graph uses; NeuronKit imports a single chain of layers");
            }
        }
    }

    private static TensorProto constantValue(NodeProto node, String source) {
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.getName().equals("value") && attribute.hasT()) {
                return attribute.getT().toBuilder().setName(node.getOutput(0)).build();
            }
        }
        throw new ModelFileException(source + ": " + describe(node) + " has no tensor 'value'; NeuronKit reads only tensor constants");
    }

    /** {@code node 'name' (OpType)}, the way every import error names a node. */
    static String describe(NodeProto node) {
        String name = node.getName().isEmpty() ? "writing " + node.getOutputList() : "'" + node.getName() + "'";
        return "node " + name + " (" + (node.getDomain().isEmpty() ? "" : node.getDomain() + ":") + node.getOpType() + ")";
    }

    private static String names(List<ValueInfoProto> values) {
        return values.stream().map(ValueInfoProto::getName).collect(Collectors.joining(", ", "[", "]"));
    }
}
