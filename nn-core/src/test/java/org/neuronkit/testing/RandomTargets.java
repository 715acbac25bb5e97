package org.neuronkit.testing;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.network.Network;

/** Random targets that fit a network's loss: one-hot rows for softmax, 0/1 for logistic, reals otherwise. */
public final class RandomTargets {
    private RandomTargets() {
    }

    public static INDArray of(Network network, Random random, int rows) {
        int c = network.outputSize();
        INDArray y = Nd4j.zeros(DataType.DOUBLE, rows, c);
        String loss = network.loss().spec();
        for (int i = 0; i < rows; i++) {
            if (loss.startsWith("softmax")) {
                y.putScalar(i, random.nextInt(c), 1.0);
            } else {
                for (int j = 0; j < c; j++) {
                    y.putScalar(i, j, loss.startsWith("logistic") ? random.nextInt(2) : random.nextDouble());
                }
            }
        }
        return y;
    }
}
