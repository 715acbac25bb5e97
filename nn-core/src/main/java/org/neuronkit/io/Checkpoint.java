package org.neuronkit.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.neuronkit.ModelFileException;
import org.neuronkit.data.Normalizer;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.optim.OptimizerSpec;
import org.neuronkit.optim.Optimizers;
import org.neuronkit.optim.RateSchedule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything needed to resume training where it stopped: the model (as in a {@link ModelFile}),
 * the optimizer's state as named tensors (e.g. Adam's moments over the flat parameter buffer), the
 * optimizer's record and schedule, the epoch and step counters, and the state of the training loop's
 * random generator. Written atomically in the {@link SafeTensors} layout with {@code format =
 * neuronkit-checkpoint}; tensors {@code optimizer.<name>} and {@code rng.state} (I64), the counters,
 * the optimizer and its schedule in the metadata entry {@code training}, as JSON ({@link SpecJson}):
 * <pre>{@code
 * {"epoch":2, "step":34,
 *  "optimizer":{"type":"adam","lr":0.01,"beta1":0.9,"beta2":0.999,"eps":1.0E-8},
 *  "schedule":{"schedule":{"type":"cosine"},"unit":"STEP","warmup":1}}
 * }</pre>
 * Checkpoints written before optimizers had records hold the optimizer as its spec string (whose
 * {@code lr} is the last scheduled rate, not α₀) and no schedule; they still load, with
 * {@link #schedule()} null, and resume with an optimizer built from the run's settings and
 * {@link #restoreOptimizer(Optimizer)}. A checkpoint file also loads as a model with {@link ModelFile#load}.
 *
 * @param normalizer the fitted input normaliser, or null
 * @param optimizer the optimizer's {@link Optimizer#spec()}: its rule, hyper-parameters and base rate
 * @param schedule the optimizer's {@link Optimizer#schedule()}, or null in a checkpoint written before schedules were stored
 * @param optimizerState the optimizer's state tensors by name
 * @param epoch completed epochs
 * @param step completed optimizer steps
 * @param rngState the training's random state words: the network's {@link Network#randomState()}
 *        (dropout mask counters; minibatch orders derive from the seed and the epoch, so need none)
 * @param file the file it was loaded from, named in errors; null for one not loaded
 */
public record Checkpoint(Network network, Normalizer normalizer, OptimizerSpec optimizer, RateSchedule schedule,
        Map<String, INDArray> optimizerState, int epoch, long step, long[] rngState, Path file) {
    static final String FORMAT = "neuronkit-checkpoint";
    private static final String OPTIMIZER_PREFIX = "optimizer.";
    private static final String RNG = "rng.state";
    private static final int MAX_RNG_WORDS = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    public Checkpoint {
        optimizerState = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(optimizerState));
        rngState = rngState.clone();
        if (epoch < 0 || step < 0) {
            throw new ModelFileException("a checkpoint needs epoch and step ≥ 0, got " + epoch + " and " + step);
        }
    }

    /**
     * A checkpoint of a training run now: {@code optimizer}'s record, schedule and live state arrays
     * (save it before the next step).
     */
    public static Checkpoint of(Network network, Normalizer normalizer, Optimizer optimizer, int epoch, long step,
            long[] rngState) {
        return new Checkpoint(network, normalizer, optimizer.spec(), optimizer.schedule(), optimizer.state(), epoch, step, rngState, null);
    }

    /**
     * The optimizer this checkpoint stores, rebuilt: its record's rule and base rate, its schedule and
     * its state, ready to continue the run.
     *
     * @throws ModelFileException naming the file if it was written before schedules were stored (build the
     *     optimizer from the run's settings and call {@link #restoreOptimizer(Optimizer)})
     */
    public Optimizer restoreOptimizer() {
        if (schedule == null) {
            throw new ModelFileException(where() + "holds no learning-rate schedule (it was written before optimizers stored one): "
                    + "build the optimizer from the run's settings and restore its state into it");
        }
        Optimizer restored = optimizer.create();
        restored.setSchedule(schedule);
        restoreOptimizer(restored);
        return restored;
    }

    /**
     * Puts the saved optimizer state into {@code optimizer}, which must be of the same kind (the same
     * {@link OptimizerSpec} record type, e.g. {@code adam}). The optimizer first
     * {@link Optimizer#prepare allocates} its state for the network's parameters; then every state array
     * is overwritten from the file, and the names and shapes must match exactly. Each error names the
     * checkpoint's file.
     */
    public void restoreOptimizer(Optimizer optimizer) {
        if (optimizer.spec().getClass() != this.optimizer.getClass()) {
            throw new ModelFileException(where() + "holds the state of " + this.optimizer + ", not of " + optimizer.spec());
        }
        optimizer.prepare(network.parameters());
        Map<String, INDArray> live = optimizer.state();
        if (!live.keySet().equals(optimizerState.keySet())) {
            throw new ModelFileException(where() + "holds optimizer state " + optimizerState.keySet() + " but "
                    + optimizer.spec() + " has " + live.keySet());
        }
        live.forEach((name, target) -> {
            INDArray saved = optimizerState.get(name);
            if (!Arrays.equals(saved.shape(), target.shape())) {
                throw new ModelFileException(where() + "has optimizer state '" + name + "' of shape " + Arrays.toString(saved.shape())
                        + ", but " + optimizer.spec() + " has " + Arrays.toString(target.shape()));
            }
            target.assign(saved);
        });
    }

    /** "checkpoint FILE " or "the checkpoint ", to start an error message. */
    private String where() {
        return file == null ? "the checkpoint " : "checkpoint " + file + " ";
    }

    @Override
    public long[] rngState() {
        return rngState.clone();
    }

    /** Writes this checkpoint to {@code file}, atomically. */
    public void save(Path file) {
        Map<String, INDArray> tensors = ModelFile.tensors(network, normalizer, file);
        optimizerState.forEach((name, t) -> tensors.put(OPTIMIZER_PREFIX + name, t));
        if (rngState.length > 0) {
            tensors.put(RNG, Nd4j.createFromArray(rngState));
        }
        Map<String, String> metadata = ModelFile.metadata(network, normalizer, FORMAT);
        com.fasterxml.jackson.databind.node.ObjectNode training = JSON.createObjectNode().put("epoch", epoch).put("step", step);
        training.set("optimizer", SpecJson.tree(OptimizerSpec.class, optimizer));
        if (schedule != null) {
            training.set("schedule", SpecJson.tree(RateSchedule.class, schedule));
        }
        metadata.put("training", training.toString());
        SafeTensors.write(file, tensors, metadata);
    }

    /** Reads a checkpoint written by {@link #save}, checked as {@link ModelFile#load} checks a model. */
    public static Checkpoint load(Path file) {
        ModelFile.Read read;
        try (SafeTensors.Opened opened = SafeTensors.open(file, ModelFile.MAX_HEADER_BYTES)) {
            read = ModelFile.read(opened, Set.of(FORMAT), file);
        }
        SafeTensors.Contents contents = read.contents();
        Map<String, INDArray> state = new LinkedHashMap<>();
        contents.tensors().forEach((name, t) -> {
            if (name.startsWith(OPTIMIZER_PREFIX)) {
                state.put(name.substring(OPTIMIZER_PREFIX.length()), t);
            }
        });
        INDArray rng = contents.tensors().get(RNG);
        String training = contents.metadata().get("training");
        try {
            JsonNode node = training == null ? null : JSON.readTree(training);
            if (node == null || !node.path("epoch").canConvertToInt() || !node.path("epoch").isIntegralNumber()
                    || !node.path("step").isIntegralNumber() || !node.path("step").canConvertToLong()
                    || !(node.path("optimizer").isObject() || node.path("optimizer").isTextual())
                    || !(node.path("schedule").isObject() || node.path("schedule").isMissingNode())) {
                throw new ModelFileException("file " + file + ": metadata 'training' is " + training
                        + ", expected {\"epoch\": int, \"step\": int, \"optimizer\": {…}, \"schedule\": {…}}");
            }
            JsonNode optimizer = node.get("optimizer");
            // before records, the optimizer was its spec string and the schedule was not stored
            OptimizerSpec spec = optimizer.isTextual() ? Optimizers.REGISTRY.parse(optimizer.textValue())
                    : SpecJson.read(OptimizerSpec.class, optimizer);
            RateSchedule schedule = node.has("schedule") ? SpecJson.read(RateSchedule.class, node.get("schedule")) : null;
            return new Checkpoint(read.model().network(), read.model().normalizer(), spec, schedule, state,
                    node.get("epoch").intValue(), node.get("step").longValue(), rng == null ? new long[0] : rng.toLongVector(), file);
        } catch (org.neuronkit.ConfigurationException e) {
            throw new ModelFileException("file " + file + ": metadata 'training': " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw SafeTensors.notJson(file, "metadata 'training'", e);
        } catch (ModelFileException e) {
            throw e.getMessage().startsWith("file ") ? e : new ModelFileException("file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code name} is a checkpoint's own tensor, checked on the header before anything is
     * read: optimizer state holds at most one value per parameter, the RNG state at most
     * {@value #MAX_RNG_WORDS} INT64 words.
     */
    static boolean checkTrainingTensor(String name, SafeTensors.TensorInfo info, Network network, Path file) {
        if (name.equals(RNG)) {
            if (info.shape().length != 1 || info.dataType() != DataType.INT64 || info.length() > MAX_RNG_WORDS) {
                throw new ModelFileException("file " + file + ": tensor '" + RNG + "' is " + info.dataType() + " "
                        + Arrays.toString(info.shape()) + ", expected a vector of at most " + MAX_RNG_WORDS + " INT64");
            }
            return true;
        }
        if (!name.startsWith(OPTIMIZER_PREFIX)) {
            return false;
        }
        if (info.length() > network.parameterCount()) {
            throw new ModelFileException("file " + file + ": optimizer state '" + name + "' has " + info.length()
                    + " values, more than the network's " + network.parameterCount() + " parameters");
        }
        return true;
    }
}
