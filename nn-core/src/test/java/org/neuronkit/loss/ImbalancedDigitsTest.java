package org.neuronkit.loss;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.eval.ConfusionMatrix;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Adam;
import org.neuronkit.train.Trainer;

/**
 * Class weights on imbalanced data: the bundled digits, split 80/20 as {@code neuronkit train} splits
 * them (seed 42), with class {@value #RARE}'s training rows cut to 5 %. The same network trained
 * with balanced weights (w_c = N / (C·n_c)) recalls more of that class on the untouched test split
 * than trained without; the recall is read from the confusion matrix.
 */
class ImbalancedDigitsTest {
    private static final int RARE = 8;
    private static final double KEPT = 0.05;

    @Test
    void balancedClassWeightsRaiseTheRecallOfTheRareClass() {
        DataSet.Split split = BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling()).split(0.8, 42);
        DataSet train = cut(split.train());
        ClassWeights balanced = ClassWeights.balanced(ClassWeights.counts(train.targets()));
        double plain = recall(train, split.test(), Losses.softmaxCrossEntropy());
        double weighted = recall(train, split.test(), Losses.softmaxCrossEntropy(balanced));
        System.out.printf(Locale.ROOT, "digits, class %d cut to %d of %d training rows: test recall of class %d %.4f without class"
                + " weights, %.4f with balanced weights %s%n", RARE, train.labels().length - (split.train().size() - count(split.train())),
                count(split.train()), RARE, plain, weighted, balanced);
        assertTrue(weighted > plain, "recall with balanced weights " + weighted + ", without " + plain);
    }

    private static long count(DataSet data) {
        return IntStream.of(data.labels()).filter(label -> label == RARE).count();
    }

    /** The training rows with only the first 5 % of class {@value #RARE}'s rows left. */
    private static DataSet cut(DataSet train) {
        long keep = Math.round(KEPT * count(train));
        int[] labels = train.labels();
        int[] seen = {0};
        int[] rows = IntStream.range(0, labels.length).filter(n -> labels[n] != RARE || seen[0]++ < keep).toArray();
        return train.select(rows);
    }

    /** The test recall of the rare class after training a 64-32-10 ReLU network with {@code loss}. */
    private static double recall(DataSet train, DataSet test, Loss loss) {
        try (Network network = Network.builder(64).dense(32, Activations.relu()).output(10, loss).l2(1e-4).seed(42).build()) {
            new Trainer(new Adam(0.002), 32, 10, 42).fit(network, train, null);
            return ConfusionMatrix.of(network.output(test.features().castTo(network.dataType())), test.targets()).recall(RARE);
        }
    }
}
