package org.neuronkit.train;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one INFO line per epoch through SLF4J (logger {@code org.neuronkit.train.LoggingTrainingListener}):
 * the epoch, the training loss and accuracy, the validation loss and accuracy when there is a validation
 * set, the learning rate and the epoch's time; and one line with the test metrics at the end when the
 * {@link Trainer} has a {@link Trainer#testSet test set}. Add it with
 * {@code trainer.addListener(new LoggingTrainingListener())}; without an SLF4J provider on the class path
 * nothing is printed (add e.g. {@code logback-classic}).
 */
public final class LoggingTrainingListener implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingTrainingListener.class);
    private int lastEpoch;

    @Override
    public void onStart(TrainingPlan plan) {
        lastEpoch = plan.lastEpoch();
    }

    @Override
    public void onEpoch(EpochResult result) {
        LOG.info(line(result, lastEpoch));
    }

    @Override
    public void onEnd(TrainingReport report) {
        if (report.hasTest()) {
            LOG.info(testLine(report.test()));
        }
    }

    /** The line of one epoch of {@code lastEpoch}, e.g. {@code epoch 3/20: loss 0.2104, accuracy 0.9391, …}. */
    static String line(EpochResult r, int lastEpoch) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d: loss %.4f", r.epoch(), lastEpoch, r.trainLoss()));
        if (!Double.isNaN(r.trainAccuracy())) {
            line.append(String.format(Locale.ROOT, ", accuracy %.4f", r.trainAccuracy()));
        }
        if (!Double.isNaN(r.validationLoss())) {
            line.append(String.format(Locale.ROOT, ", validation loss %.4f", r.validationLoss()));
        }
        if (!Double.isNaN(r.validationAccuracy())) {
            line.append(String.format(Locale.ROOT, ", validation accuracy %.4f", r.validationAccuracy()));
        }
        return line.append(String.format(Locale.ROOT, ", learning rate %.3g, %.2f s", r.learningRate(), r.seconds())).toString();
    }

    /** The line of the test metrics, e.g. {@code test: loss 0.1032, accuracy 0.9694}. */
    static String testLine(Evaluation test) {
        return String.format(Locale.ROOT, "test: loss %.4f", test.risk())
                + (Double.isNaN(test.accuracy()) ? "" : String.format(Locale.ROOT, ", accuracy %.4f", test.accuracy()));
    }
}
