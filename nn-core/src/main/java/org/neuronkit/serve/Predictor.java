package org.neuronkit.serve;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.neuronkit.backend.HostGemm;
import org.neuronkit.data.InputEncoding;
import org.neuronkit.data.Normalizer;
import org.neuronkit.data.UnknownCategory;
import org.neuronkit.eval.Decision;
import org.neuronkit.io.ModelFile;
import org.neuronkit.network.Network;
import org.slf4j.LoggerFactory;

/**
 * Thread-safe inference with a trained {@link Network}: {@link #output}, {@link #outputInto},
 * {@link #probabilities} and {@link #predict} may be called from any number of threads at once and
 * give, bit for bit, what one thread calling the predictor alone gets.
 *
 * <p>The network's flat parameter buffer is shared, read-only, by every call. What a forward pass
 * writes (each layer's activations, the input copy, prepared native ops) belongs to a
 * {@link Network#replica() replica} that one call at a time borrows from a pool: at most
 * {@code concurrency} calls run at once (default: the number of processors; further callers wait),
 * and at most twice as many replicas are made, kept by batch size. No lock is taken on the way:
 * a semaphore permit and a lock-free queue.
 *
 * <p>Raw inputs: when the model has a normaliser, each call applies x′ = (x − shift) / scale to a
 * copy of x in the replica (the caller's array is never changed), as in training. A model that records an
 * {@link InputEncoding} takes raw text rows ({@link #encode}, {@link #classify}: one-hot
 * categories), and, when it records training means ({@code --missing mean}), fills NaN features of
 * any input with them (on a copy) before the normaliser.
 *
 * <p>Two compute paths, with results equal within float rounding (1e-5 relative): batches of up to
 * {@code neuronkit.leanMaxRows} rows (default 64) run through a {@link LeanPlan} (one host GEMM and
 * one Java pass per layer, no ND4J op); larger ones, and networks the plan refuses (it names the
 * layer, see {@link #leanRefusal()}), through the replica's ND4J ops. See docs/serving.md, "The lean
 * path".
 *
 * <p>Allocation: {@link #outputInto} with the same input and output arrays as an earlier call of
 * the same thread's replica allocates no native memory; {@link #output} and {@link #probabilities}
 * allocate their N × C result.
 *
 * <p>Lifecycle: {@link #close()} waits for calls in flight, then releases the replicas' native
 * memory (and the network's, for a predictor that {@linkplain #load loaded} it); later calls fail
 * with an {@link IllegalStateException}. A predictor made {@linkplain #of(Network) from a network}
 * does not own it: close the network only after the predictor.
 *
 * <h2>Shapes</h2>
 * x is N × F (F = the network's inputs, any floating-point type, N ≥ 1), as an INDArray or N Java
 * rows of F values; outputs are N × C.
 */
public final class Predictor implements AutoCloseable {
    private final Network network;
    private final boolean ownsNetwork;
    private final InputScaling scaling;
    private final List<String> classNames;
    private final String leanRefusal;
    private final ReplicaPool pool;
    private final InputGradients gradients;
    /** A regression model's target scaling, undone on every output (null for none): {@link ModelFile.Model#targetScaling}. */
    private final Normalizer targetScaling;
    /** How raw input columns become features, with the means that fill missing ones (null: the features as given). */
    private final InputEncoding input;
    private volatile boolean closed;

    private Predictor(Network network, Normalizer normalizer, List<String> names, Normalizer targetScaling, InputEncoding input,
            int concurrency, boolean ownsNetwork) {
        if (concurrency < 1) {
            throw new ConfigurationException("a predictor needs a concurrency of at least 1, got " + concurrency);
        }
        if (network.isClosed()) {
            throw new IllegalStateException("cannot make a predictor from a closed network");
        }
        this.network = network;
        this.ownsNetwork = ownsNetwork;
        this.targetScaling = targetScaling;
        this.input = input;
        this.scaling = normalizer == null ? null : InputScaling.of(normalizer, network.dataType(), network.inputSize());
        this.classNames = names == null || names.isEmpty() ? indices(Decision.classes(network.outputSize())) : List.copyOf(names);
        LeanPlan plan;
        String refusal;
        try {
            plan = LeanPlan.compile(network, scaling, HostGemm.find());
            refusal = null;
        } catch (LeanPlan.Unservable e) {
            plan = null;
            refusal = e.getMessage();
            LoggerFactory.getLogger(Predictor.class).debug("every call through ND4J's ops: {}", refusal);
        }
        LeanPlan lean = plan;
        this.leanRefusal = refusal;
        this.pool = new ReplicaPool(concurrency, () -> new Replica(network.replica(), scaling, lean));
        this.gradients = new InputGradients(network, scaling, targetScaling, concurrency);
    }

    /** A predictor for {@code network} (raw inputs used as they are), for as many concurrent calls as processors. */
    public static Predictor of(Network network) {
        return of(network, null, Runtime.getRuntime().availableProcessors());
    }

    /**
     * A predictor for {@code network} whose inputs go through {@code normalizer} (null for none),
     * running at most {@code concurrency} calls at once. The network stays the caller's.
     */
    public static Predictor of(Network network, Normalizer normalizer, int concurrency) {
        return new Predictor(network, normalizer, null, null, null, concurrency, false);
    }

    /** A predictor for a loaded model, its network, normaliser and class names; the model stays the caller's. */
    public static Predictor of(ModelFile.Model model) {
        return new Predictor(model.network(), model.normalizer(), model.outputNames(), model.targetScaling(), model.input(),
                Runtime.getRuntime().availableProcessors(), false);
    }

    /** Loads a model file ({@link ModelFile#load}) into a predictor that owns it and closes it with itself. */
    public static Predictor load(Path modelFile) {
        ModelFile.Model model = ModelFile.load(modelFile);
        return new Predictor(model.network(), model.normalizer(), model.outputNames(), model.targetScaling(), model.input(),
                Runtime.getRuntime().availableProcessors(), true);
    }

    /** F, the features of an input row. */
    public int inputSize() {
        return network.inputSize();
    }

    /** C, the outputs of a row. */
    public int outputSize() {
        return network.outputSize();
    }

    /**
     * The name of each output class: those the model file records, else "0" … "C−1" (also for a
     * predictor made from a network; "0", "1" for a single logistic output).
     */
    public List<String> classNames() {
        return classNames;
    }

    /** How the model's raw input columns become its features (null when it records none: rows are the features). */
    public InputEncoding inputEncoding() {
        return input;
    }

    /**
     * Raw text rows (one cell per input column: numbers, category names, or a missing marker such as {@code NA})
     * as feature rows, encoded as in training ({@link InputEncoding#encode}): categories one-hot, missing values
     * filled with the training means; an unknown category fails naming row, column, value and the known ones,
     * or is all zeros with {@link UnknownCategory#IGNORE}. Without a recorded encoding every cell is a number.
     */
    public float[][] encode(String[][] rows, UnknownCategory unknown) {
        requireOpen();
        InputEncoding encoding = input;
        if (encoding == null) {
            List<InputEncoding.Column> columns = new ArrayList<>();
            for (int f = 0; f < inputSize(); f++) {
                columns.add(InputEncoding.Column.numeric("x" + (f + 1)));
            }
            encoding = InputEncoding.of(columns);
        }
        return encoding.encode(rows, unknown);
    }

    /** The class name of each raw text row ({@link #encode} with unknown categories failing, then {@link #predictNames(float[][])}). */
    public List<String> classify(String[][] rawRows) {
        return predictNames(encode(rawRows, UnknownCategory.ERROR));
    }

    /** Why small batches do not run through the lean path (the layer, activation or data type), or null when they do. */
    public String leanRefusal() {
        return leanRefusal;
    }

    /** The network's output ŷ (N × C) for raw inputs x, in a new array of the network's data type. */
    public INDArray output(INDArray x) {
        requireInput(x);
        INDArray out = call(Rows.of(filled(x)), this::newArray, (replica, rows) -> replica.forward(rows).dup());
        return targetScaling == null ? out : targetScaling.inverse(out);
    }

    /**
     * Writes ŷ for x into {@code out} (N × C, FLOAT or DOUBLE, not a view shared with another thread).
     * With the same x and out as before, the call allocates nothing.
     */
    public void outputInto(INDArray x, INDArray out) {
        if (out.rank() != 2 || out.rows() != x.rows() || out.columns() != outputSize() || !out.dataType().isFPType()) {
            throw new DataException("the output array is " + out.dataType() + " " + Arrays.toString(out.shape())
                    + "; it must be a floating-point " + x.rows() + " × " + outputSize() + " matrix");
        }
        requireInput(x);
        call(Rows.of(filled(x)), yHat -> {
            copy(yHat, out);
            return null;
        }, (replica, in) -> {
            replica.outputInto(in, out);
            return null;
        });
        if (targetScaling != null) {
            targetScaling.inverse(out);
        }
    }

    /**
     * The class probabilities (N × C, rows summing to 1 for a softmax output) of a classifier: the
     * network's output when its loss is a cross-entropy; a regression network is refused.
     */
    public INDArray probabilities(INDArray x) {
        requireClassifier();
        return output(x);
    }

    /** The class probabilities of each row ({@link #probabilities(INDArray)}), with Java arrays in and out. */
    public float[][] probabilities(float[][] rows) {
        requireClassifier();
        return call(Rows.of(filled(rows), inputSize()), this::newRows, (replica, x) -> replica.forward(x).toFloatMatrix());
    }

    /**
     * The predicted class of each row of x: the arg-max of ŷ, or for a single logistic output ŷ ≥ 0.5 ({@link Decision}).
     *
     * @throws org.neuronkit.DataException naming the first row whose outputs are not finite (a NaN or infinite input)
     */
    public int[] predict(INDArray x) {
        requireInput(x);
        return predict(Rows.of(filled(x)));
    }

    /** The most probable class of each row. */
    public int[] predict(float[][] rows) {
        return predict(Rows.of(filled(rows), inputSize()));
    }

    /** The most probable class of each row. */
    public int[] predict(double[][] rows) {
        return predict(Rows.of(filled(rows), inputSize()));
    }

    /** x, or a copy with its NaN features filled with the training means when the model records them. */
    private INDArray filled(INDArray x) {
        if (input == null || input.missingMeans() == null || !x.isNaN().any()) {
            return x;
        }
        return input.fillMissing(x.dup());
    }

    /** The rows, or copies with their NaN features filled with the training means when the model records them. */
    private float[][] filled(float[][] rows) {
        if (input == null || input.missingMeans() == null || java.util.Arrays.stream(rows).noneMatch(Predictor::hasNaN)) {
            return rows;
        }
        float[][] copy = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            copy[r] = rows[r] == null ? null : rows[r].clone();
        }
        input.fillMissing(copy);
        return copy;
    }

    /** The rows as floats with NaN features filled, when the model records means and a row holds NaN; else the rows. */
    private double[][] filled(double[][] rows) {
        if (input == null || input.missingMeans() == null) {
            return rows;
        }
        double[] means = input.missingMeans();
        double[][] copy = null;
        for (int r = 0; r < rows.length; r++) {
            for (int f = 0; rows[r] != null && f < rows[r].length && f < means.length; f++) {
                if (Double.isNaN(rows[r][f])) {
                    copy = copy != null ? copy : java.util.Arrays.stream(rows).map(row -> row == null ? null : row.clone()).toArray(double[][]::new);
                    copy[r][f] = means[f];
                }
            }
        }
        return copy != null ? copy : rows;
    }

    private static boolean hasNaN(float[] row) {
        for (int f = 0; row != null && f < row.length; f++) {
            if (Float.isNaN(row[f])) {
                return true;
            }
        }
        return false;
    }

    /** The name ({@link #classNames()}) of the most probable class of each row. */
    public List<String> predictNames(float[][] rows) {
        int[] classes = predict(rows);
        List<String> names = new ArrayList<>(classes.length);
        for (int c : classes) {
            names.add(classNames.get(c));
        }
        return names;
    }

    private int[] predict(Rows rows) {
        if (outputSize() == 1) {
            return call(rows, yHat -> Decision.ofSingleOutput(newArray(yHat)), (replica, x) -> Decision.ofSingleOutput(replica.forward(x)));
        }
        return call(rows, yHat -> argMax(Decision.requireFinite(yHat, outputSize())), (replica, x) -> {
            int[] classes = new int[(int) x.rows()];
            replica.predict(x, classes);
            return classes;
        });
    }

    /**
     * ∂ŷ_c/∂x for each row of raw inputs x, c the row's predicted class ({@link #predict}); for a
     * regression model with one output, that output. See {@link #gradient(INDArray, int[])}.
     */
    public INDArray gradient(INDArray x) {
        return gradient(x, explainedOutputs(x));
    }

    /**
     * The output that {@link #gradient(INDArray)} differentiates for each row of x: the predicted
     * class for a classifier, output 0 for a regression model with one output.
     *
     * @throws ConfigurationException for a regression model with several outputs (name them)
     */
    public int[] explainedOutputs(INDArray x) {
        requireInput(x);
        if (!network.loss().classifies() && outputSize() != 1) {
            throw new ConfigurationException("the regression model has " + outputSize()
                    + " outputs: name the output of each row (gradient(x, outputs))");
        }
        return network.loss().classifies() ? predict(x) : new int[(int) x.rows()];
    }

    /**
     * The gradient of one output with respect to the raw input: row n of the result is ∂ŷ_c/∂x_n
     * with c = {@code classes[n]}, where ŷ is what {@link #output} returns: the class probability
     * (softmax, or the logistic function for a multi-label model) for a classifier, the output in
     * the target's units for a regression model. The model's input normaliser
     * x′ = (x − shift) / scale is part of the function differentiated (∂/∂x = (∂/∂x′) / scale), as is a
     * regression model's target scaling. The network runs as in inference: dropout is the identity,
     * batch normalisation uses its running averages.
     *
     * <p>Computed by backpropagation ({@link Network#inputGradient}: the δ recursion of
     * docs/chapter.md §4 continued to the input) on a gradient replica of the network, so it is
     * thread-safe like every other call: any number of threads at once, at most {@code concurrency}
     * running.
     *
     * <h2>Shapes</h2>
     * x is N × F, classes has N entries in [0, C); the result is a new N × F array in the network's
     * data type.
     */
    public INDArray gradient(INDArray x, int[] classes) {
        requireInput(x);
        return gradients.gradient(x, classes, false);
    }

    /**
     * ∂z_c/∂x_n, the gradient of the output layer's pre-activation (the logit, before softmax or the
     * logistic function) for class {@code classes[n]}, with respect to the raw input; as
     * {@link #gradient(INDArray, int[])} otherwise. Classifiers only.
     */
    public INDArray logitGradient(INDArray x, int[] classes) {
        requireClassifier();
        requireInput(x);
        return gradients.gradient(x, classes, true);
    }

    /** Waits for the calls in flight to end and releases the native memory the predictor owns. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pool.close();
        gradients.close();
        if (scaling != null) {
            scaling.close();
        }
        if (ownsNetwork) {
            network.close();
        }
    }

    /**
     * Runs one call on a borrowed replica: through the lean plan, reading ŷ with {@code lean}, when
     * the replica serves these rows so; else through ND4J, with {@code nd4j} given the replica and
     * the rows as an INDArray.
     */
    private <T> T call(Rows rows, Function<FloatBuffer, T> lean, BiFunction<Replica, INDArray, T> nd4j) {
        Replica replica = borrow(rows.count());
        try {
            if (replica.servesLean(rows)) {
                return lean.apply(replica.lean(rows));
            }
            INDArray x = rows.array();
            try {
                return nd4j.apply(replica, x);
            } finally {
                rows.release(x);
            }
        } finally {
            pool.release(replica);
        }
    }

    /** ŷ (N × C, row-major) as a new FLOAT array. */
    private INDArray newArray(FloatBuffer yHat) {
        int n = yHat.capacity() / outputSize();
        INDArray result = Nd4j.createUninitialized(DataType.FLOAT, n, outputSize());
        result.data().asNioFloat().put(0, yHat, 0, n * outputSize());
        return result;
    }

    /**
     * Writes ŷ (N × C, row-major) into {@code out}: one bulk copy when out is dense FLOAT, else value by
     * value, so that no array is made (a DOUBLE out must allocate nothing either).
     */
    private void copy(FloatBuffer yHat, INDArray out) {
        if (Rows.denseFloat(out)) {
            out.data().asNioFloat().put((int) out.offset(), yHat, 0, (int) out.length());
            return;
        }
        int c = outputSize();
        for (int i = 0, n = (int) out.length(); i < n; i++) {
            out.putScalar(i / c, i % c, yHat.get(i));
        }
    }

    /** ŷ (N × C, row-major) as N new Java rows. */
    private float[][] newRows(FloatBuffer yHat) {
        int c = outputSize();
        float[][] rows = new float[yHat.capacity() / c][c];
        for (int r = 0; r < rows.length; r++) {
            yHat.get(r * c, rows[r]);
        }
        return rows;
    }

    /** The arg-max of each row of ŷ (N × C, row-major); the first of equal maxima. */
    private int[] argMax(FloatBuffer yHat) {
        int c = outputSize();
        int[] classes = new int[yHat.capacity() / c];
        for (int r = 0; r < classes.length; r++) {
            int best = 0;
            for (int j = 1; j < c; j++) {
                if (yHat.get(r * c + j) > yHat.get(r * c + best)) {
                    best = j;
                }
            }
            classes[r] = best;
        }
        return classes;
    }

    private static List<String> indices(int classes) {
        List<String> names = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            names.add(Integer.toString(c));
        }
        return List.copyOf(names);
    }

    private void requireClassifier() {
        if (!network.loss().classifies()) {
            throw new ConfigurationException("the network's loss " + network.loss().spec()
                    + " is not a classifier's: its outputs are not probabilities (use output)");
        }
    }

    /** Checks x's shape and type. */
    private void requireInput(INDArray x) {
        requireOpen();
        if (x.rank() != 2 || x.columns() != inputSize() || x.rows() < 1 || !x.dataType().isFPType()) {
            throw new DataException("the predictor expects a floating-point N × " + inputSize() + " matrix (N ≥ 1), got "
                    + x.dataType() + " " + Arrays.toString(x.shape()));
        }
    }

    /** Checks the state, then lends a replica for a batch of {@code rows}. */
    private Replica borrow(int rows) {
        requireOpen();
        Replica replica = pool.acquire(rows);
        if (replica == null) {
            requireOpen();
        }
        return replica;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this Predictor (" + inputSize() + " → " + outputSize() + ") is closed");
        }
        if (network.isClosed()) {
            throw new IllegalStateException("the network of this Predictor (" + inputSize() + " → " + outputSize()
                    + ") was closed: close a predictor before the network it was made from");
        }
    }
}
