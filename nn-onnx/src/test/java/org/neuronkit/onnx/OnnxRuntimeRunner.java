package org.neuronkit.onnx;

import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs an ONNX model in ONNX Runtime (one thread, default graph optimisations): the independent reference. */
final class OnnxRuntimeRunner {

    private OnnxRuntimeRunner() {
    }

    /** The model's single output for the rows of {@code x}, fed to its single input as float32. */
    static float[][] run(byte[] model, INDArray x) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = environment.createSession(model, options);
                 OnnxTensor input = OnnxTensor.createTensor(environment, x.castTo(DataType.FLOAT).toFloatMatrix());
                 OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), input))) {
                return (float[][]) result.get(0).getValue();
            }
        } catch (OrtException e) {
            throw new AssertionError("ONNX Runtime rejected the model: " + e.getMessage(), e);
        }
    }

    /** The largest |a − b| over all entries; fails if the shapes differ. */
    static double maxDifference(float[][] expected, float[][] actual) {
        if (expected.length != actual.length || expected[0].length != actual[0].length) {
            throw new AssertionError("shapes differ: " + expected.length + " × " + expected[0].length + " and "
                    + actual.length + " × " + actual[0].length);
        }
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                worst = Math.max(worst, Math.abs(expected[i][j] - actual[i][j]));
            }
        }
        return worst;
    }
}
