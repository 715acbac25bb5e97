package org.neuronkit.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.data.DataSet;
import org.neuronkit.layer.Layer;
import org.neuronkit.layer.LayerSpec;
import org.neuronkit.loss.LossSpec;
import org.neuronkit.network.Network;
import org.neuronkit.optim.OptimizerSpec;
import org.neuronkit.optim.RateSchedule;

/**
 * Everything a {@link TrainingDevice} needs to run a {@link Trainer}'s steps, handed over once per run:
 * the network as records and one flat buffer, the optimizer as a record with its schedule and state,
 * the step's rules, and the training data. The arrays are the host's own (not copies): a device reads
 * them when it opens and writes {@code parameters} and {@code optimizerState} in
 * {@link DeviceRun#copyBack}; it changes nothing else.
 *
 * @param inputSize the width of the network's input
 * @param dataType FLOAT or DOUBLE: the parameters' and the data's type
 * @param layers each layer's {@link LayerSpec}, in order, the last an {@link org.neuronkit.layer.OutputSpec}
 * @param loss the loss with its class weights (the output layer's {@code loss} string, as a record)
 * @param l1 λ₁ on the weights (0: none)
 * @param l2 λ on the weights (0: none)
 * @param layout where each layer's parameters lie in {@code parameters}
 * @param parameters the network's flat parameter buffer θ (1-D): every layer's weights first, in layer
 *        order (the region L1, L2 and AdamW's decay act on: the first {@code weightCount} entries), then
 *        the other parameters (biases, activation and batch-norm parameters)
 * @param weightCount the entries of the weight region at the start of {@code parameters}
 * @param optimizer the update rule with its base rate α₀
 * @param schedule how α moves, at the run's start: α of step s of epoch e is {@code schedule.rate(optimizer.lr(), e, s, stepsPerEpoch, epochs)}
 *        with the schedule {@link DeviceRun#runEpoch} receives (this one advanced by the epochs' results, for a plateau)
 * @param optimizerState the optimizer's state by name ({@link org.neuronkit.optim.Optimizer#state()}), e.g.
 *        Adam's {@code m}, {@code v} (shaped like {@code parameters}) and {@code step} (a scalar: updates done);
 *        zeros for a new run, a checkpoint's values for a resumed one
 * @param clipping the gradient clipping before each update ({@link GradientClipping#maxValue()},
 *        {@link GradientClipping#maxNorm()}: infinite when off)
 * @param nonFinitePolicy what a non-finite loss or gradient does
 * @param train the training data, already of {@code dataType}; one-hot targets for a classifier
 * @param batchSize samples per minibatch (the last batch of an epoch may be smaller)
 * @param seed the seed of the minibatch order
 * @param epochs the run's epochs in all (the schedule's horizon; the trainer may start later and stop earlier)
 * @param stepsPerEpoch ⌈samples / batchSize⌉
 * @param randomState the layers' random state ({@link Network#randomState()}: dropout's pass counters)
 */
public record DeviceJob(int inputSize, DataType dataType, List<LayerSpec> layers, LossSpec loss, double l1, double l2,
        List<ParameterRegion> layout, INDArray parameters, long weightCount, OptimizerSpec optimizer, RateSchedule schedule,
        Map<String, INDArray> optimizerState, GradientClipping clipping, NonFinitePolicy nonFinitePolicy, DataSet train, int batchSize,
        long seed, int epochs, int stepsPerEpoch, long[] randomState) {

    /**
     * One named parameter tensor of one layer, e.g. layer 0's {@code weight}: {@code length} entries of the
     * flat buffer from {@code offset}, in row-major order of {@code shape} (W is units × inputs, as in
     * docs/design.md, "Parameters: one flat buffer").
     */
    public record ParameterRegion(int layer, String name, long offset, long length, List<Long> shape) {
    }

    public DeviceJob {
        layers = List.copyOf(layers);
        layout = List.copyOf(layout);
        optimizerState = Map.copyOf(optimizerState);
        randomState = randomState.clone();
    }

    /** Each layer's {@link Layer#parameterViews()} as regions of the network's flat buffer. */
    static List<ParameterRegion> layout(Network network) {
        List<ParameterRegion> regions = new ArrayList<>();
        long base = network.parameters().offset();
        for (int l = 0; l < network.layers().size(); l++) {
            for (Map.Entry<String, INDArray> view : network.layers().get(l).parameterViews().entrySet()) {
                INDArray array = view.getValue();
                regions.add(new ParameterRegion(l, view.getKey(), array.offset() - base, array.length(),
                        java.util.Arrays.stream(array.shape()).boxed().toList()));
            }
        }
        return regions;
    }
}
