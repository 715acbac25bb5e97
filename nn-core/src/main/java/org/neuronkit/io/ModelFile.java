package org.neuronkit.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.neuronkit.DataException;
import org.neuronkit.ModelFileException;
import org.neuronkit.data.Normalizer;
import org.neuronkit.network.Network;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.backend.ThreadSetup;

/**
 * A trained model in one file: architecture, input normalisation and weights, in the
 * {@link SafeTensors} layout. The header's {@code __metadata__} holds
 * {@code format = neuronkit-model}, {@code format_version}, {@code architecture} (JSON, see
 * {@link Architecture}) and, if the model has one, {@code normalizer} (JSON
 * {@code {"spec": ..., "features": F}}); the tensors are {@code layers.<l>.weight},
 * {@code layers.<l>.bias} (and {@code layers.<l>.activation} for learnable activations) and
 * {@code normalizer.<name>}. No Java serialisation; loading checks every size before allocating
 * and fails with a {@link ModelFileException} naming the file; saving is atomic.
 */
public final class ModelFile {
    static {
        ThreadSetup.ensure(); // before ND4J loads its native libraries
    }

    static final String FORMAT_KEY = "format";
    static final String FORMAT = "neuronkit-model";
    static final String VERSION_KEY = "format_version";
    static final String VERSION = "1";
    private static final String NORMALIZER_PREFIX = "normalizer.";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A loaded model: the network and the normaliser its inputs need (null if none). */
    public record Model(Network network, Normalizer normalizer) {
        /** Normalises a copy of raw inputs {@code x} (N × F) as in training and predicts their classes. */
        public int[] predict(INDArray x) {
            return network.predict(normalizer == null ? x : normalizer.transform(x.dup()));
        }

        /** The network's outputs (N × C) for raw inputs {@code x}, normalised as in training. */
        public INDArray output(INDArray x) {
            return network.output(normalizer == null ? x : normalizer.transform(x.dup()));
        }
    }

    private ModelFile() {
    }

    /**
     * Saves {@code network} and its fitted {@code normalizer} (null if the inputs are used as they
     * are) to {@code file}, atomically: an existing file is replaced only by a complete new one.
     */
    public static void save(Network network, Normalizer normalizer, Path file) {
        SafeTensors.write(file, tensors(network, normalizer, file), metadata(network, normalizer, FORMAT));
    }

    /** Loads a model saved by {@link #save} (or the model inside a {@link Checkpoint}). */
    public static Model load(Path file) {
        SafeTensors.Contents contents = SafeTensors.read(file);
        return model(contents, Set.of(FORMAT, Checkpoint.FORMAT), file);
    }

    static Map<String, INDArray> tensors(Network network, Normalizer normalizer, Path file) {
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        for (int l = 0; l < network.layers().size(); l++) {
            for (Map.Entry<String, INDArray> view : network.layers().get(l).parameterViews().entrySet()) {
                tensors.put(Architecture.tensorName(l, view.getKey()), view.getValue());
            }
        }
        if (normalizer != null) {
            Map<String, INDArray> params = normalizer.params();
            for (Map.Entry<String, INDArray> p : params.entrySet()) {
                if (p.getValue().length() != network.inputSize()) {
                    throw new ModelFileException("file " + file + ": normaliser '" + normalizer.spec() + "' has "
                            + p.getValue().length() + " features, the network " + network.inputSize() + " inputs");
                }
                tensors.put(NORMALIZER_PREFIX + p.getKey(), p.getValue());
            }
        }
        return tensors;
    }

    static Map<String, String> metadata(Network network, Normalizer normalizer, String format) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(FORMAT_KEY, format);
        metadata.put(VERSION_KEY, VERSION);
        metadata.put("architecture", Architecture.toJson(network));
        if (normalizer != null) {
            metadata.put("normalizer", JSON.createObjectNode().put("spec", normalizer.spec())
                    .put("features", network.inputSize()).toString());
        }
        return metadata;
    }

    /** The model in {@code contents}, whose format must be one of {@code formats}. */
    static Model model(SafeTensors.Contents contents, Set<String> formats, Path file) {
        Map<String, String> metadata = contents.metadata();
        String format = metadata.get(FORMAT_KEY);
        if (format == null || !formats.contains(format)) {
            throw new ModelFileException("file " + file + ": not a NeuronKit " + (formats.contains(FORMAT) ? "model" : "checkpoint")
                    + " file (its metadata has format " + (format == null ? "none" : "'" + format + "'") + ")");
        }
        if (!VERSION.equals(metadata.get(VERSION_KEY))) {
            throw new ModelFileException("file " + file + ": format version " + metadata.get(VERSION_KEY)
                    + " is not the version this NeuronKit reads (" + VERSION + ")");
        }
        String architecture = metadata.get("architecture");
        if (architecture == null) {
            throw new ModelFileException("file " + file + ": the metadata has no architecture");
        }
        Network network = Architecture.fromJson(architecture, contents.tensors(), file);
        return new Model(network, normalizer(metadata.get("normalizer"), contents.tensors(), network, file));
    }

    private static Normalizer normalizer(String json, Map<String, INDArray> tensors, Network network, Path file) {
        Map<String, INDArray> params = new LinkedHashMap<>();
        tensors.forEach((name, t) -> {
            if (name.startsWith(NORMALIZER_PREFIX)) {
                params.put(name.substring(NORMALIZER_PREFIX.length()), t);
            }
        });
        if (json == null) {
            if (!params.isEmpty()) {
                throw new ModelFileException("file " + file + ": normaliser tensors " + params.keySet() + " without a normaliser");
            }
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            JsonNode spec = node.get("spec");
            if (spec == null || !spec.isTextual()) {
                throw new ModelFileException("file " + file + ": normaliser " + json + " has no spec");
            }
            for (INDArray p : params.values()) {
                if (p.length() != network.inputSize()) {
                    throw new ModelFileException("file " + file + ": normaliser parameters have " + p.length()
                            + " features, the network " + network.inputSize() + " inputs");
                }
            }
            return Normalizer.restore(spec.textValue(), params);
        } catch (JsonProcessingException e) {
            throw new ModelFileException("file " + file + ": normaliser is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (DataException e) {
            throw new ModelFileException("file " + file + ": " + e.getMessage(), e);
        }
    }
}
