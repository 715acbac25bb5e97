package org.neuronkit.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.neuronkit.network.Network;
import org.neuronkit.onnx.OnnxExport;
import org.neuronkit.serve.Predictor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A service's call, Java rows in and class probabilities out as Java rows, through NeuronKit's
 * {@link Predictor#probabilities(float[][])} and through ONNX Runtime's Java API serving the same
 * network exported by {@link OnnxExport} (the rows copied into one direct {@code FloatBuffer} kept for the
 * calls, ONNX Runtime's fast input path, which it reads without another copy; {@code session.run}; the output read
 * back through {@code getFloatBuffer()} into {@code float[][]}, what {@code Predictor.probabilities} returns). ONNX Runtime runs with {@value #ORT_THREADS} intra-op
 * threads and no spinning, like OpenBLAS's threads under the project's thread settings.
 *
 * <p>Models: {@code digits} 64-128-10 and {@code fashion} 784-256-128-10 (ReLU hidden layers,
 * softmax output, seeded random weights); {@code rows} per call. Every call gets a different input
 * array: {@value #REQUESTS} arrays in turn, one value of each changed before its call. Latency
 * percentiles come from {@code -bm sample} (the default); rows/s is rows ÷ the mean time.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ServingBenchmark {
    static final int ORT_THREADS = 2;
    static final int REQUESTS = 32;

    @Param({"digits", "fashion"})
    public String model;
    @Param({"1", "64"})
    public int rows;

    private Network network;
    private Predictor predictor;
    private OrtEnvironment environment;
    private OrtSession session;
    private float[][][] requests;
    private FloatBuffer input;
    private long[] inputShape;
    private int classes;
    private Random random;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException, OrtException {
        int[] sizes = switch (model) {
            case "digits" -> new int[] {64, 128, 10};
            case "fashion" -> new int[] {784, 256, 128, 10};
            default -> throw new IllegalArgumentException("model must be digits or fashion, got " + model);
        };
        network = NeuronKitMlp.build(sizes, 42);
        predictor = Predictor.of(network);
        Path file = Files.createTempFile("serving-benchmark", ".onnx");
        try {
            OnnxExport.write(network, null, file);
            environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(ORT_THREADS);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = environment.createSession(file.toString(), options);
        } finally {
            Files.deleteIfExists(file);
        }
        input = ByteBuffer.allocateDirect(rows * sizes[0] * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        inputShape = new long[] {rows, sizes[0]};
        classes = sizes[sizes.length - 1];
        random = new Random(7);
        requests = new float[REQUESTS][rows][sizes[0]];
        for (float[][] request : requests) {
            for (float[] row : request) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = random.nextFloat();
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        session.close();
        predictor.close();
        network.close();
    }

    /** The next call's input: the next array of the rotation, one value changed. */
    private float[][] nextRequest() {
        float[][] request = requests[next++ % REQUESTS];
        request[0][random.nextInt(request[0].length)] = random.nextFloat();
        return request;
    }

    @Benchmark
    public float[][] neuronkit() {
        return predictor.probabilities(nextRequest());
    }

    @Benchmark
    public float[][] onnxRuntime() throws OrtException {
        input.clear();
        for (float[] row : nextRequest()) {
            input.put(row);
        }
        input.flip();
        try (OnnxTensor x = OnnxTensor.createTensor(environment, input, inputShape);
             OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, x))) {
            FloatBuffer y = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[][] out = new float[rows][classes];
            for (float[] row : out) {
                y.get(row);
            }
            return out;
        }
    }
}
