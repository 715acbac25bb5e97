package org.neuronkit.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.neuronkit.DataException;
import org.neuronkit.ModelFileException;
import org.neuronkit.data.InputEncoding;
import org.neuronkit.data.Normalizer;
import org.neuronkit.network.Network;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.backend.ThreadSetup;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained model in one file: architecture, input normalisation and weights, in the
 * {@link SafeTensors} layout. The header's {@code __metadata__} holds
 * {@code format = neuronkit-model}, {@code format_version}, {@code architecture} (JSON, see
 * {@link Architecture}) and, if the model has one, {@code normalizer} (JSON
 * {@code {"spec": ..., "features": F}}); the tensors are {@code layers.<l>.weight},
 * {@code layers.<l>.bias} (and {@code layers.<l>.activation} for learnable activations) and
 * {@code normalizer.<name>}; {@code data_split} (JSON, see {@link DataSplit}) records the data the
 * model was trained on, if known, and {@code output_names} (a JSON array of strings, one per output)
 * the names of its outputs: the class names of a classifier trained on a CSV file with text or mapped
 * labels, the target columns of a regression. A regression model trained on scaled targets records
 * that scaling as {@code target_normalizer} (JSON {@code {"spec": ..., "targets": K}}) with the
 * tensors {@code target_normalizer.<name>} of length K: its network outputs scaled targets z, and
 * {@link Model#output} returns y = z·scale + shift. A model trained on a CSV file records how its raw columns
 * become the network's inputs as {@code input_encoding} (JSON, see {@link InputEncoding}: the columns, the
 * categories of the one-hot ones, the training means that fill missing values); the key is optional (older
 * files and models of other data lack it: their inputs are the network's features as they are). No Java serialisation; loading checks every tensor against the
 * architecture before reading any data and fails with a {@link ModelFileException} naming the
 * file; saving is atomic.
 */
public final class ModelFile {
    static {
        ThreadSetup.ensure(); // before ND4J loads its native libraries
    }

    static final String FORMAT_KEY = "format";
    static final String FORMAT = "neuronkit-model";
    static final String VERSION_KEY = "format_version";
    /** The format this code writes; it reads this one and version 1 (see {@link Architecture}). */
    static final String VERSION = "2";
    private static final Set<String> READABLE_VERSIONS = Set.of("1", VERSION);
    static final String OUTPUT_NAMES_KEY = "output_names";
    /** The model file in a run folder of {@code neuronkit train}. */
    public static final String IN_RUN_FOLDER = "model.safetensors";
    private static final String NORMALIZER_KEY = "normalizer";
    private static final String NORMALIZER_PREFIX = NORMALIZER_KEY + ".";
    static final String TARGET_NORMALIZER_KEY = "target_normalizer";
    static final String INPUT_ENCODING_KEY = "input_encoding";
    private static final String TARGET_NORMALIZER_PREFIX = TARGET_NORMALIZER_KEY + ".";
    /** The largest input of the probe that every loaded model must map to finite outputs. */
    static final double PROBE_MAGNITUDE = 1000;
    /** The largest magnitude of a normaliser's shift or scale, and the inverse of a scale's smallest. */
    static final double MAX_NORMALIZER_MAGNITUDE = 1e30;
    /** A model's header is small (about 100 bytes per tensor); a larger one is refused before it is parsed. */
    static final long MAX_HEADER_BYTES = 16L << 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * A loaded model: the network, the normaliser its inputs need (null if none), the data split it
     * was trained on (null if the file does not record one), the names of its outputs (empty if
     * the file records none), the scaling of a regression's targets that its outputs undo (null if none)
     * and the encoding of its raw input columns (null if none: the inputs are the network's features).
     */
    public record Model(Network network, Normalizer normalizer, DataSplit split, List<String> outputNames, Normalizer targetScaling,
            InputEncoding input) {
        public Model {
            outputNames = outputNames == null ? List.of() : List.copyOf(outputNames);
            if (input != null && input.width() != network.inputSize()) {
                throw new ModelFileException("an input encoding of " + input.width() + " features for a network of "
                        + network.inputSize() + " inputs");
            }
        }

        /** A model whose inputs are the network's features as they are. */
        public Model(Network network, Normalizer normalizer, DataSplit split, List<String> outputNames, Normalizer targetScaling) {
            this(network, normalizer, split, outputNames, targetScaling, null);
        }

        /** A model whose outputs are not scaled. */
        public Model(Network network, Normalizer normalizer, DataSplit split, List<String> outputNames) {
            this(network, normalizer, split, outputNames, null);
        }

        /** A model without recorded output names. */
        public Model(Network network, Normalizer normalizer, DataSplit split) {
            this(network, normalizer, split, List.of());
        }

        /** A model without a recorded data split. */
        public Model(Network network, Normalizer normalizer) {
            this(network, normalizer, null);
        }

        /**
         * Normalises a copy of encoded inputs {@code x} (N × F; NaN where missing, filled with the training means
         * the encoding records) as in training and predicts their classes.
         */
        public int[] predict(INDArray x) {
            return network.predict(prepared(x));
        }

        /**
         * The network's outputs (N × C) for raw inputs {@code x}, normalised as in training; a regression's
         * in the targets' own units (the target scaling undone).
         */
        public INDArray output(INDArray x) {
            INDArray out = network.output(prepared(x));
            return targetScaling == null ? out : targetScaling.inverse(out.dup());
        }

        /** x with its missing values filled and normalised, a copy where anything changes. */
        private INDArray prepared(INDArray x) {
            INDArray filled = input != null && input.missingMeans() != null ? input.fillMissing(x.dup()) : x;
            return normalizer == null ? filled : normalizer.transform(filled == x ? x.dup() : filled);
        }
    }

    private ModelFile() {
    }

    /**
     * Saves {@code network} and its fitted {@code normalizer} (null if the inputs are used as they
     * are) to {@code file}, atomically: an existing file is replaced only by a complete new one.
     */
    public static void save(Network network, Normalizer normalizer, Path file) {
        save(network, normalizer, null, file);
    }

    /** As {@link #save(Network, Normalizer, Path)}, recording the data split the model was trained on (may be null). */
    public static void save(Network network, Normalizer normalizer, DataSplit split, Path file) {
        save(network, normalizer, split, List.of(), file);
    }

    /**
     * As {@link #save(Network, Normalizer, DataSplit, Path)}, recording the names of the network's
     * outputs ({@code outputNames}: one per output, or empty for none).
     */
    public static void save(Network network, Normalizer normalizer, DataSplit split, List<String> outputNames, Path file) {
        save(new Model(network, normalizer, split, outputNames), file);
    }

    /** Saves {@code model}: everything {@link #save(Network, Normalizer, DataSplit, List, Path)} saves and its target scaling. */
    public static void save(Model model, Path file) {
        Network network = model.network();
        network.requireOpen();
        Normalizer normalizer = model.normalizer();
        DataSplit split = model.split();
        List<String> outputNames = model.outputNames();
        Map<String, String> metadata = metadata(network, normalizer, FORMAT);
        if (split != null) {
            metadata.put(DataSplit.KEY, split.toJson());
        }
        if (!outputNames.isEmpty()) {
            if (outputNames.size() != network.outputSize()) {
                throw new ModelFileException("file " + file + ": " + outputNames.size() + " output names for the "
                        + network.outputSize() + " outputs of the network");
            }
            metadata.put(OUTPUT_NAMES_KEY, JSON.valueToTree(outputNames).toString());
        }
        Map<String, INDArray> tensors = tensors(network, normalizer, file);
        if (model.input() != null) {
            metadata.put(INPUT_ENCODING_KEY, model.input().toJson());
        }
        if (model.targetScaling() != null) {
            metadata.put(TARGET_NORMALIZER_KEY, normalizerJson(model.targetScaling(), "targets", network.outputSize()));
            putParams(tensors, TARGET_NORMALIZER_PREFIX, model.targetScaling(), network.outputSize(), "outputs", file);
        }
        SafeTensors.write(file, tensors, metadata);
    }

    /**
     * Loads a model saved by {@link #save} (or the model inside a {@link Checkpoint}). Before any
     * tensor data is read, every tensor the file announces is checked against the architecture
     * (layer parameters), the normaliser (one value per input) and, in a checkpoint, the training
     * state; after reading, the parameters and the normaliser must be finite (a normaliser's scale
     * also non-zero), and the outputs on a probe input (rows of 0, ±1 and ±1000 after
     * normalisation) finite. A header over 16 MiB is refused unread. {@code file} may be a run folder
     * of {@code neuronkit train}: its {@value #IN_RUN_FOLDER} is loaded.
     *
     * @throws ModelFileException naming the file and the problem
     */
    public static Model load(Path file) {
        if (Files.isDirectory(file)) {
            file = file.resolve(IN_RUN_FOLDER);
        }
        try (SafeTensors.Opened opened = SafeTensors.open(file, MAX_HEADER_BYTES)) {
            return read(opened, Set.of(FORMAT, Checkpoint.FORMAT), file).model();
        }
    }

    /**
     * The architecture JSON a model file stores for {@code network} ({@link Architecture}'s format): what
     * another format (ONNX export) records beside its own graph so that {@link #network} rebuilds the exact layers.
     */
    public static String architecture(Network network) {
        return Architecture.toJson(network);
    }

    /**
     * The network {@code architecture} (JSON as {@link #architecture} writes it) describes, its parameters
     * copied from {@code tensors} (named as in a model file, {@code layers.<l>.<name>}), after the checks
     * {@link #load} makes of a file's architecture: the parameter count matches the tensors' before anything is
     * allocated, and the tensors are exactly the network's parameters by name, shape and data type.
     *
     * @param source the origin named in error messages, e.g. the ONNX file
     * @throws ModelFileException naming {@code source} and the problem
     */
    public static Network network(String architecture, Map<String, INDArray> tensors, Path source) {
        Map<String, SafeTensors.TensorInfo> announced = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> announced.put(name, new SafeTensors.TensorInfo(tensor.dataType(), tensor.shape())));
        Network network = Architecture.build(architecture, Integer.parseInt(VERSION), announced, source);
        Architecture.fill(network, tensors);
        return network;
    }

    /** A model and every tensor of its file (a checkpoint's training state among them). */
    record Read(Model model, SafeTensors.Contents contents) {
    }

    /** The model in an opened file, whose format must be one of {@code formats}; checks everything {@link #load} says. */
    static Read read(SafeTensors.Opened opened, Set<String> formats, Path file) {
        Map<String, String> metadata = opened.metadata();
        String format = metadata.get(FORMAT_KEY);
        if (format == null || !formats.contains(format)) {
            throw new ModelFileException("file " + file + ": not a NeuronKit " + (formats.contains(FORMAT) ? "model" : "checkpoint")
                    + " file (its metadata has format " + (format == null ? "none" : "'" + format + "'") + ")");
        }
        String version = metadata.get(VERSION_KEY);
        if (version == null || !READABLE_VERSIONS.contains(version)) {
            throw new ModelFileException("file " + file + ": format version " + version
                    + " is not a version this NeuronKit reads (1 or " + VERSION + ")");
        }
        String architecture = metadata.get("architecture");
        if (architecture == null) {
            throw new ModelFileException("file " + file + ": the metadata has no architecture");
        }
        DataSplit split = DataSplit.fromJson(metadata.get(DataSplit.KEY), file);
        Network network = Architecture.build(architecture, Integer.parseInt(version), opened.tensors(), file);
        try {
            checkOtherTensors(opened.tensors(), network, format.equals(Checkpoint.FORMAT), file);
            SafeTensors.Contents contents = opened.readAllBut(Architecture.fill(network, opened));
            if (!Network.isFinite(network.parameters())) {
                throw new ModelFileException("file " + file + ": " + network.locateNonFinite() + " holds NaN or infinity");
            }
            Normalizer normalizer = normalizer(metadata.get(NORMALIZER_KEY), NORMALIZER_PREFIX, contents.tensors(), file);
            Normalizer targetScaling = normalizer(metadata.get(TARGET_NORMALIZER_KEY), TARGET_NORMALIZER_PREFIX, contents.tensors(), file);
            checkProbe(network, file);
            return new Read(new Model(network, normalizer, split, outputNames(metadata.get(OUTPUT_NAMES_KEY), network, file),
                    targetScaling, inputEncoding(metadata.get(INPUT_ENCODING_KEY), network, file)), contents);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /**
     * Every tensor that is not a layer parameter must be a normaliser parameter with one value per
     * input, a target scaling's with one per output, or, in a checkpoint, training state; checked on
     * the header, before anything is read.
     */
    private static void checkOtherTensors(Map<String, SafeTensors.TensorInfo> tensors, Network network, boolean checkpoint,
            Path file) {
        tensors.forEach((name, info) -> {
            if (name.startsWith(Architecture.LAYER_PREFIX) || checkpoint && Checkpoint.checkTrainingTensor(name, info, network, file)) {
                return;
            }
            boolean target = name.startsWith(TARGET_NORMALIZER_PREFIX);
            if (!name.startsWith(NORMALIZER_PREFIX) && !target) {
                throw new ModelFileException("file " + file + ": tensor '" + name + "' does not belong to a NeuronKit "
                        + (checkpoint ? "checkpoint" : "model"));
            }
            long expected = target ? network.outputSize() : network.inputSize();
            long[] rowVector = {1, expected};
            if (!Arrays.equals(info.shape(), rowVector) && !Arrays.equals(info.shape(), new long[] {expected}) || !info.dataType().isFPType()) {
                throw new ModelFileException("file " + file + ": normaliser tensor '" + name + "' is " + info.dataType() + " "
                        + Arrays.toString(info.shape()) + ", the network's " + expected + (target ? " outputs" : " inputs")
                        + " need a floating-point " + Arrays.toString(rowVector));
            }
        });
    }

    /**
     * The outputs for rows of 0, ±1 and ±{@value #PROBE_MAGNITUDE} (after normalisation) must be
     * finite: finite weights can still overflow, e.g. one weight of 7e37 left by a flipped exponent
     * bit, or every weight at −3e38. A sound model's normalised inputs are far smaller.
     */
    private static void checkProbe(Network network, Path file) {
        double[] values = {0, 1, -1, PROBE_MAGNITUDE, -PROBE_MAGNITUDE};
        INDArray probe = Nd4j.create(network.dataType(), values.length, network.inputSize());
        for (int r = 0; r < values.length; r++) {
            probe.getRow(r).assign(values[r]);
        }
        if (!Network.isFinite(network.output(probe))) {
            throw new ModelFileException("file " + file + ": the model's outputs for a probe input (rows of 0, ±1 and ±"
                    + (int) PROBE_MAGNITUDE + ") are not finite, first at " + network.locateNonFinite()
                    + ": its parameters are corrupted or overflow");
        }
    }

    static Map<String, INDArray> tensors(Network network, Normalizer normalizer, Path file) {
        network.requireOpen();
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        for (int l = 0; l < network.layers().size(); l++) {
            for (Map.Entry<String, INDArray> view : network.layers().get(l).parameterViews().entrySet()) {
                tensors.put(Architecture.tensorName(l, view.getKey()), view.getValue());
            }
        }
        if (normalizer != null) {
            putParams(tensors, NORMALIZER_PREFIX, normalizer, network.inputSize(), "inputs", file);
        }
        return tensors;
    }

    /** Puts each of {@code normalizer}'s parameters, which must have {@code size} values (one per network's {@code what}). */
    private static void putParams(Map<String, INDArray> tensors, String prefix, Normalizer normalizer, long size, String what, Path file) {
        for (Map.Entry<String, INDArray> p : normalizer.params().entrySet()) {
            if (p.getValue().length() != size) {
                throw new ModelFileException("file " + file + ": normaliser '" + normalizer.spec() + "' has "
                        + p.getValue().length() + " features, the network " + size + " " + what);
            }
            tensors.put(prefix + p.getKey(), p.getValue());
        }
    }

    private static String normalizerJson(Normalizer normalizer, String sizeKey, int size) {
        return JSON.createObjectNode().put("spec", normalizer.spec()).put(sizeKey, size).toString();
    }

    static Map<String, String> metadata(Network network, Normalizer normalizer, String format) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(FORMAT_KEY, format);
        metadata.put(VERSION_KEY, VERSION);
        metadata.put("architecture", Architecture.toJson(network));
        if (normalizer != null) {
            metadata.put(NORMALIZER_KEY, normalizerJson(normalizer, "features", network.inputSize()));
        }
        return metadata;
    }

    /** The input encoding recorded as {@code json}, which must give the network's inputs; null when none is recorded. */
    private static InputEncoding inputEncoding(String json, Network network, Path file) {
        if (json == null) {
            return null;
        }
        try {
            InputEncoding input = InputEncoding.fromJson(json);
            if (input.width() != network.inputSize()) {
                throw new ModelFileException("file " + file + ": metadata '" + INPUT_ENCODING_KEY + "' gives " + input.width()
                        + " features, the network has " + network.inputSize() + " inputs");
            }
            return input;
        } catch (DataException e) {
            throw new ModelFileException("file " + file + ": metadata '" + INPUT_ENCODING_KEY + "': " + e.getMessage(), e);
        }
    }

    /** The names recorded as {@code json} (a JSON array of one string per output); empty when none are recorded. */
    private static List<String> outputNames(String json, Network network, Path file) {
        if (json == null) {
            return List.of();
        }
        try {
            JsonNode node = JSON.readTree(json);
            List<String> names = new ArrayList<>();
            if (node != null && node.isArray()) {
                node.forEach(n -> names.add(n.isTextual() ? n.textValue() : null));
            }
            if (node == null || !node.isArray() || names.contains(null) || names.size() != network.outputSize()) {
                throw new ModelFileException("file " + file + ": metadata '" + OUTPUT_NAMES_KEY + "' is " + json + ", expected an array of "
                        + network.outputSize() + " strings (one per output)");
            }
            return names;
        } catch (JsonProcessingException e) {
            throw SafeTensors.notJson(file, "metadata '" + OUTPUT_NAMES_KEY + "'", e);
        }
    }

    /**
     * A normaliser's values must be finite, at most {@value #MAX_NORMALIZER_MAGNITUDE} in magnitude, and
     * a scale also at least 1/{@value #MAX_NORMALIZER_MAGNITUDE} (and so non-zero): data a model can use
     * lies far inside, while one flipped exponent bit moves a value beyond (a shift of 1.6e38 makes
     * every normalised input, and so every output, infinite or NaN).
     */
    private static void checkNormalizerRange(String name, INDArray values, Path file) {
        double[] v = values.toDoubleVector();
        boolean scale = name.endsWith(".scale");
        for (int f = 0; f < v.length; f++) {
            double magnitude = Math.abs(v[f]);
            if (!(magnitude <= MAX_NORMALIZER_MAGNITUDE) || scale && magnitude < 1 / MAX_NORMALIZER_MAGNITUDE) {
                throw new ModelFileException("file " + file + ": normaliser tensor '" + name + "' holds " + v[f] + " for feature " + f
                        + "; a usable " + (scale ? "scale lies between 1e-30 and 1e30 in magnitude" : "value lies within ±1e30"));
            }
        }
    }

    /** The normaliser recorded as {@code json} with the tensors named {@code prefix}{@code <param>}; null when none is recorded. */
    private static Normalizer normalizer(String json, String prefix, Map<String, INDArray> tensors, Path file) {
        Map<String, INDArray> params = new LinkedHashMap<>();
        tensors.forEach((name, t) -> {
            if (name.startsWith(prefix)) {
                params.put(name.substring(prefix.length()), t);
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
            JsonNode spec = node == null ? null : node.get("spec");
            if (spec == null || !spec.isTextual()) {
                throw new ModelFileException("file " + file + ": normaliser " + json + " has no spec");
            }
            params.forEach((name, values) -> checkNormalizerRange(prefix + name, values, file));
            Normalizer normalizer = Normalizer.restore(spec.textValue(), params);
            if (!normalizer.params().keySet().equals(params.keySet())) {
                throw new ModelFileException("file " + file + ": normaliser '" + spec.textValue() + "' has the parameters "
                        + normalizer.params().keySet() + ", the file " + params.keySet());
            }
            return normalizer;
        } catch (JsonProcessingException e) {
            throw SafeTensors.notJson(file, "the normaliser", e);
        } catch (DataException e) {
            throw new ModelFileException("file " + file + ": " + e.getMessage(), e);
        }
    }
}
