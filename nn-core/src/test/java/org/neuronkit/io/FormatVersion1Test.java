package org.neuronkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neuronkit.layer.Dropout;
import org.neuronkit.optim.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Files written by format version 1 (committed under {@code fixtures/}: a 4-5-5-3-2 network of
 * dense(tanh), dropout(0.2), maxout(3 units, 2 pieces) and softmax output, with a standardising
 * normaliser, trained three Adam steps) still load. The expected outputs are computed here in double
 * precision straight from the file's own tensors: x' = (x − shift) / scale, h = tanh(x' W₀ᵀ + b₀),
 * dropout is the identity at inference, m_j = max_k (h W₂ᵀ + b₂)_{k·3+j}, ŷ = softmax(m W₃ᵀ + b₃).
 */
class FormatVersion1Test {
    private static final double[][] INPUTS = {{0, 0, 0, 0}, {1.5, -2, 3, 0.25}, {-4, 6, 2.5, -1}, {7, 7, -7, 3}};

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(FormatVersion1Test.class.getResource("/fixtures/" + name).toURI());
    }

    @Test
    void modelOfVersion1LoadsAndComputesWhatItsTensorsSay() throws Exception {
        Path file = fixture("model-v1.safetensors");
        ModelFile.Model model = ModelFile.load(file);
        assertEquals(List.of("Dense", "Dropout", "Maxout", "Dense"),
                model.network().layers().stream().map(l -> l.getClass().getSimpleName()).toList());
        assertEquals(0.2, ((Dropout) model.network().layers().get(1)).rate());
        double[][] expected = expectedOutputs(SafeTensors.read(file).tensors());
        INDArray actual = model.output(Nd4j.create(INPUTS).castTo(DataType.FLOAT));
        for (int r = 0; r < INPUTS.length; r++) {
            assertArrayEquals(expected[r], actual.getRow(r).toDoubleVector(), 1e-5, "row " + r);
        }
    }

    @Test
    void checkpointOfVersion1RestoresOptimizerAndRandomState() throws Exception {
        Path file = fixture("checkpoint-v1.safetensors");
        Checkpoint checkpoint = Checkpoint.load(file);
        Map<String, INDArray> tensors = SafeTensors.read(file).tensors();
        assertEquals(1, checkpoint.epoch());
        assertEquals(3, checkpoint.step());
        assertArrayEquals(tensors.get("rng.state").toLongVector(), checkpoint.rngState());
        Adam adam = new Adam(0.01);
        checkpoint.restoreOptimizer(adam);
        assertEquals(tensors.get("optimizer.m"), adam.state().get("m"));
        assertEquals(tensors.get("optimizer.v"), adam.state().get("v"));
        double[][] expected = expectedOutputs(tensors);
        INDArray normalised = checkpoint.normalizer().transform(Nd4j.create(INPUTS).castTo(DataType.FLOAT));
        INDArray actual = checkpoint.network().output(normalised);
        for (int r = 0; r < INPUTS.length; r++) {
            assertArrayEquals(expected[r], actual.getRow(r).toDoubleVector(), 1e-5, "row " + r);
        }
    }

    private static double[][] expectedOutputs(Map<String, INDArray> t) {
        double[] shift = t.get("normalizer.shift").toDoubleVector();
        double[] scale = t.get("normalizer.scale").toDoubleVector();
        double[][] out = new double[INPUTS.length][];
        for (int r = 0; r < INPUTS.length; r++) {
            double[] x = INPUTS[r].clone();
            for (int f = 0; f < x.length; f++) {
                x[f] = (x[f] - shift[f]) / scale[f];
            }
            double[] h = affine(t, 0, x);
            for (int j = 0; j < h.length; j++) {
                h[j] = Math.tanh(h[j]);
            }
            double[] pieces = affine(t, 2, h);
            int units = pieces.length / 2;
            double[] m = new double[units];
            for (int j = 0; j < units; j++) {
                m[j] = Math.max(pieces[j], pieces[units + j]);
            }
            double[] z = affine(t, 3, m);
            double max = Math.max(z[0], z[1]);
            double sum = 0;
            for (int c = 0; c < z.length; c++) {
                z[c] = Math.exp(z[c] - max);
                sum += z[c];
            }
            for (int c = 0; c < z.length; c++) {
                z[c] /= sum;
            }
            out[r] = z;
        }
        return out;
    }

    /** W x + b with layer l's tensors, in double precision. */
    private static double[] affine(Map<String, INDArray> t, int l, double[] x) {
        double[][] w = t.get("layers." + l + ".weight").toDoubleMatrix();
        double[] b = t.get("layers." + l + ".bias").toDoubleVector();
        double[] z = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            z[i] = b[i];
            for (int j = 0; j < x.length; j++) {
                z[i] += w[i][j] * x[j];
            }
        }
        return z;
    }
}
