package org.neuronkit.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuronkit.data.DataSet;
import org.neuronkit.network.Network;

/** The structural risk and accuracy of a network on a whole data set, computed in batches. */
public record Evaluation(double risk, double accuracy) {

    /** Evaluates {@code data} in batches of {@code batchSize} rows (accuracy NaN for regression). */
    public static Evaluation of(Network network, DataSet data, int batchSize) {
        double weightedRisk = 0;
        long correct = 0;
        boolean classification = data.isClassification();
        CorrectCount correctCount = new CorrectCount();
        for (int from = 0; from < data.size(); from += batchSize) {
            int to = Math.min(from + batchSize, data.size());
            INDArray x = data.features().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray y = data.targets().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            weightedRisk += network.risk(x, y) * (to - from);
            if (classification) {
                correct += correctCount.of(network.lastOutput(), y);
            }
        }
        return new Evaluation(weightedRisk / data.size(), !classification ? Double.NaN : (double) correct / data.size());
    }
}
