package org.neuronkit.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuronkit.data.DataSet;
import org.neuronkit.network.Network;

/** The structural risk and accuracy of a network on a whole data set, computed in batches. */
public record Evaluation(double risk, double accuracy) {

    /** Evaluates {@code data} in batches of {@code batchSize} rows (accuracy NaN for regression). */
    public static Evaluation of(Network network, DataSet data, int batchSize) {
        double weightedRisk = 0;
        long correct = 0;
        int[] labels = data.labels();
        for (int from = 0; from < data.size(); from += batchSize) {
            int to = Math.min(from + batchSize, data.size());
            INDArray x = data.features().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray y = data.targets().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            weightedRisk += network.risk(x, y) * (to - from);
            if (labels != null) {
                correct += countCorrect(network.lastOutput(), labels, from);
            }
        }
        return new Evaluation(weightedRisk / data.size(), labels == null ? Double.NaN : (double) correct / data.size());
    }

    /** How many rows of {@code output} have their largest entry at the row's label. */
    static long countCorrect(INDArray output, int[] labels, int offset) {
        int[] predicted = Nd4j.argMax(output, 1).toIntVector();
        long correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == labels[offset + i]) {
                correct++;
            }
        }
        return correct;
    }
}
