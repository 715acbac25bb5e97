package org.neuronkit.layer;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.registry.Registry;

/**
 * Layer kinds by name: one registry line per kind. The name is the {@code type} of the kind's
 * {@link LayerSpec} in a model file; a kind with a {@link LayerKind#hidden} factory is also a
 * hidden-layer kind for the command line, e.g. {@code maxout(3)}.
 */
public final class Layers {

    /** Every layer kind: one line per kind. */
    public static final Registry<LayerKind> REGISTRY = new Registry<LayerKind>("layer")
            .add("dense(activation)", "z = W a + b, a = f(z); the activation's name alone means dense too",
                    args -> new LayerKind(DenseSpec.class, units -> new DenseSpec(units, args.atMost(1).text(0, "relu"))))
            .add("maxout(pieces)", "a_m = max_k (w_{k,m}ᵀ x + b_{k,m}), 2 pieces by default",
                    args -> new LayerKind(MaxoutSpec.class, units -> new MaxoutSpec(units, args.atMost(1).integer(0, 2))))
            .add("dropout", "a = x ⊙ m / (1 − p) in training, the identity in inference", args -> new LayerKind(DropoutSpec.class, null))
            .add("batchnorm", "y = γ (x − μ) / √(σ² + ε) + β: batch statistics in training, running averages in inference",
                    args -> new LayerKind(BatchNormSpec.class, null))
            .add("output", "the last layer, with the loss's output activation", args -> new LayerKind(OutputSpec.class, null));

    /** Hidden-layer kinds for the command line: every hidden activation (a dense layer) and the other hidden layer kinds. */
    public static final class HiddenKinds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            Stream<String> activations = Activations.REGISTRY.usages().stream().filter(name -> !name.equals("softmax"));
            Stream<String> layers = REGISTRY.entries().stream()
                    .filter(e -> !e.name().equals("dense") && REGISTRY.parse(e.name()).hidden() != null)
                    .map(Registry.Entry::usage);
            return Stream.concat(activations, layers).iterator();
        }
    }

    private Layers() {
    }

    /**
     * The spec of a hidden layer of {@code units} neurons of the kind {@code kind} names: a layer
     * kind such as {@code maxout(3)}, or an activation such as {@code relu} for a dense layer.
     *
     * @throws ConfigurationException if {@code kind} is neither, or a layer kind with no width
     */
    public static LayerSpec hidden(String kind, int units) {
        String text = kind == null ? "" : kind.trim();
        if (!REGISTRY.namesEntry(text)) {
            return new DenseSpec(units, Activations.parse(text).spec());
        }
        LayerKind layer = REGISTRY.parse(text);
        if (layer.hidden() == null) {
            throw new ConfigurationException("layer '" + kind + "' is not a hidden layer of given width");
        }
        return layer.hidden().apply(units);
    }

    /** Every kind's spec record by its registry name, for a JSON mapper to register as subtypes. */
    public static Map<String, Class<? extends LayerSpec>> specTypes() {
        Map<String, Class<? extends LayerSpec>> types = new LinkedHashMap<>();
        for (String name : REGISTRY.names()) {
            types.put(name, REGISTRY.parse(name).specType());
        }
        return types;
    }
}
