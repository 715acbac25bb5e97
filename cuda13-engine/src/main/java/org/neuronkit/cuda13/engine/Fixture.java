package org.neuronkit.cuda13.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.neuronkit.cuda13.api.UpdateRule;

/**
 * A recorded training run to replay on a GPU: a network, its initial parameters, data, and the risk of
 * each of {@code steps} updates on sequential minibatches (step s uses rows ((s−1) mod B)·batch … of the
 * data, B = rows / batch) with the parameters after the last step. backend-cuda13's tests record it with
 * nn-core on the CPU; gpu-check replays it on the GPU.
 *
 * <p>One fixture per optimizer of nn-core's registry and one per loss ({@link #resource}).
 *
 * <p>File layout (big-endian, java.io.DataOutput): "NKFX", version 2, then sizes (comma-separated text),
 * activations (comma-separated specs), λ₁, λ₂, the loss (registry name, parameter, output activation spec, class
 * weights as a length, 0 for none, then the values),
 * the optimizer's registry name, its learning rate, its hyper-parameters (a count, then key and value
 * each), batch, steps; then the arrays x (rows × sizes[0]), labels, initial parameters, risks per step,
 * final parameters, each as a length then its values.
 */
public record Fixture(MlpSpec spec, UpdateRule optimizer, float learningRate, int batch, int steps, float[] x, int[] labels, float[] initial,
        float[] risks, float[] parameters) {

    private static final int MAGIC = 0x4e4b4658; // "NKFX"
    private static final int VERSION = 2;

    /** The committed fixture named {@code name} (an optimizer's or a loss's registry name), beside this class. */
    public static String resource(String name) {
        return "fixture-" + name + "-100.bin";
    }

    /** The optimizer and its hyper-parameters, e.g. {@code adam(lr=0.01, beta1=0.9, …)}. */
    public String describeOptimizer() {
        StringBuilder text = new StringBuilder(optimizer.name()).append("(lr=").append(learningRate);
        new TreeMap<>(optimizer.hyperParameters()).forEach((k, v) -> text.append(", ").append(k).append('=').append(v));
        return text.append(')').toString();
    }

    /** Rows of the data. */
    public int rows() {
        return labels.length;
    }

    /** Replays the recorded steps on {@code ops}: returns {risk per step…} and leaves the final parameters in {@code out}. */
    public float[] replay(Ops ops, float[] out) {
        Mlp mlp = new Mlp(ops, spec, UpdateKind.Update.of(optimizer), initial, batch);
        DeviceData data = DeviceData.upload(ops, x, labels, spec.inputs());
        int batches = rows() / batch;
        float[] rates = new float[steps];
        Arrays.fill(rates, learningRate);
        mlp.startEpoch(rates);
        float[] replayed = new float[steps];
        for (int s = 0; s < steps; s++) {
            DeviceData b = data.rows((s % batches) * batch, batch);
            mlp.step(b.features(), b.targets(), batch);
            replayed[s] = (float) (mlp.takeTotals(batch).riskSum() / batch);
        }
        System.arraycopy(mlp.parameters(), 0, out, 0, out.length);
        return replayed;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(String.join(",", Arrays.stream(spec.sizes()).mapToObj(Integer::toString).toList()));
            out.writeUTF(String.join(",", spec.activations().stream().map(HiddenActivation::spec).toList()));
            out.writeDouble(spec.l1());
            out.writeDouble(spec.l2());
            out.writeUTF(spec.loss().kind().registryName());
            out.writeFloat(spec.loss().parameter());
            out.writeUTF(spec.loss().output().spec());
            write(out, spec.loss().classWeights() == null ? new float[0] : spec.loss().classWeights());
            out.writeUTF(optimizer.name());
            out.writeFloat(learningRate);
            out.writeInt(optimizer.hyperParameters().size());
            for (Map.Entry<String, Double> entry : new TreeMap<>(optimizer.hyperParameters()).entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeDouble(entry.getValue());
            }
            out.writeInt(batch);
            out.writeInt(steps);
            write(out, x);
            out.writeInt(labels.length);
            for (int label : labels) {
                out.writeInt(label);
            }
            write(out, initial);
            write(out, risks);
            write(out, parameters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads a fixture; an IllegalArgumentException names what is wrong with the bytes. */
    public static Fixture read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (in.readInt() != MAGIC) {
            throw new IllegalArgumentException("not a NeuronKit fixture (no NKFX header)");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("fixture version " + version + ", this engine reads version " + VERSION);
        }
        int[] sizes = Arrays.stream(in.readUTF().split(",")).mapToInt(Integer::parseInt).toArray();
        String activationText = in.readUTF();
        List<HiddenActivation> activations = new ArrayList<>();
        if (!activationText.isEmpty()) {
            for (String spec : activationText.split(",(?![^(]*\\))")) {
                activations.add(HiddenActivation.parse(spec));
            }
        }
        double l1 = in.readDouble();
        double l2 = in.readDouble();
        OutputLoss kind = OutputLoss.named(in.readUTF());
        float parameter = in.readFloat();
        HiddenActivation output = HiddenActivation.parse(in.readUTF());
        float[] classWeights = readFloats(in);
        MlpSpec spec = new MlpSpec(sizes, activations, new LossForm(kind, parameter, output, classWeights.length == 0 ? null : classWeights), l1, l2);
        String name = in.readUTF();
        float learningRate = in.readFloat();
        Map<String, Double> hyperParameters = new TreeMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            hyperParameters.put(in.readUTF(), in.readDouble());
        }
        UpdateRule optimizer = new UpdateRule(name, hyperParameters, spec.weightCount());
        int batch = in.readInt();
        int steps = in.readInt();
        float[] x = readFloats(in);
        int[] labels = new int[in.readInt()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = in.readInt();
        }
        Fixture fixture = new Fixture(spec, optimizer, learningRate, batch, steps, x, labels, readFloats(in), readFloats(in), readFloats(in));
        if (x.length != (long) labels.length * spec.inputs() || fixture.initial.length != spec.parameterCount()
                || fixture.parameters.length != spec.parameterCount() || fixture.risks.length != steps) {
            throw new IllegalArgumentException("fixture arrays do not fit " + spec.describe() + " with " + steps + " steps");
        }
        return fixture;
    }

    /** The committed fixture {@code name} (an optimizer's or a loss's registry name) from the engine's jar. */
    public static Fixture committed(String name) {
        try (InputStream in = Fixture.class.getResourceAsStream(resource(name))) {
            if (in == null) {
                throw new IllegalStateException(resource(name) + " is missing from the engine's jar");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Fixture fromBytes(byte[] bytes) throws IOException {
        return read(new ByteArrayInputStream(bytes));
    }

    private static void write(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 100_000_000) {
            throw new IllegalArgumentException("fixture array of " + n + " values");
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    /** ‖a − b‖₂ / ‖b‖₂. */
    public static double relativeDifference(float[] a, float[] b) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < b.length; i++) {
            diff += (double) (a[i] - b[i]) * (a[i] - b[i]);
            norm += (double) b[i] * b[i];
        }
        return Math.sqrt(diff / norm);
    }

    /** max_i |a_i − b_i| / max(|b_i|, floor). */
    public static double maxRelativeDifference(float[] a, float[] b, double floor) {
        double worst = 0;
        for (int i = 0; i < b.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor));
        }
        return worst;
    }
}
