package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuronkit.train.TrainingListener;
import org.neuronkit.train.TrainingPlan;
import org.slf4j.LoggerFactory;

class ProgressReporterTest {

    @Test
    void logLinesGiveBatchesAndTheSampleWeightedMeanLoss() {
        Logger logger = (Logger) LoggerFactory.getLogger(ProgressReporter.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            TrainingListener progress = ProgressReporter.log(Duration.ZERO);
            progress.onStart(new TrainingPlan(2, 3, 3, 70));
            progress.onStep(2, 1, 0.9, 30);
            progress.onStep(2, 2, 0.6, 30);
            progress.onStep(2, 3, 0.3, 10);
            List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(2, lines.size(), "no line after the epoch's last batch: " + lines);
            assertTrue(lines.get(0).startsWith("epoch 2: 1/3 batches, loss 0.9000, "), lines.get(0));
            // (0.9·30 + 0.6·30) / 60
            assertTrue(lines.get(1).startsWith("epoch 2: 2/3 batches, loss 0.7500, "), lines.get(1));
            assertTrue(lines.get(1).matches(".* samples/s, \\d+ s left in the epoch"), lines.get(1));
        } finally {
            logger.detachAppender(appender);
        }
    }
}
