package org.neuronkit.serve;

import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ConfigurationException;
import org.neuronkit.data.Normalizer;

/**
 * A fitted {@link Normalizer} as the two rows a {@link Replica} applies to its input buffer,
 * x′ = (x − shift) / scale (every normaliser of the toolkit has this form), in the network's data
 * type. Read-only once made, so all replicas share it.
 *
 * <h2>Shapes</h2>
 * shift and scale are 1 × F.
 */
record InputScaling(INDArray shift, INDArray scale) {

    static InputScaling of(Normalizer normalizer, DataType type, int features) {
        Map<String, INDArray> params = normalizer.params();
        INDArray shift = params.get("shift");
        INDArray scale = params.get("scale");
        if (shift == null || scale == null) {
            throw new ConfigurationException("normaliser '" + normalizer.spec() + "' has parameters " + params.keySet()
                    + "; a Predictor applies x' = (x - shift) / scale and needs 'shift' and 'scale'");
        }
        if (shift.length() != features || scale.length() != features) {
            throw new ConfigurationException("normaliser '" + normalizer.spec() + "' has " + shift.length()
                    + " features, the network " + features + " inputs");
        }
        return new InputScaling(shift.reshape(1, features).castTo(type).dup(), scale.reshape(1, features).castTo(type).dup());
    }

    void close() {
        shift.close();
        scale.close();
    }
}
