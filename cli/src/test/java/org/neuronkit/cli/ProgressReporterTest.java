package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.TrainingListener;
import org.neuronkit.train.TrainingPlan;
import org.slf4j.LoggerFactory;

/** The progress display, timed by an injected clock: labelled times, a correct estimate, 80 columns, bare log lines. */
class ProgressReporterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void logLinesGiveTheMeanLossAndTheTimeLeftInTheRun() {
        Logger logger = (Logger) LoggerFactory.getLogger(ProgressReporter.CONSOLE);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            AtomicLong clock = new AtomicLong(0);
            TrainingListener progress = ProgressReporter.log(Duration.ZERO, clock::get);
            // epochs 2 and 3 of the run, 3 batches each: 6 steps; each step takes 2 s
            progress.onStart(new TrainingPlan(2, 3, 3, 70));
            clock.addAndGet(2 * SECOND);
            progress.onStep(2, 1, 0.9, 30);
            clock.addAndGet(2 * SECOND);
            progress.onStep(2, 2, 0.6, 30);
            clock.addAndGet(2 * SECOND);
            progress.onStep(2, 3, 0.3, 10);
            List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(2, lines.size(), "no line after the epoch's last batch: " + lines);
            // 2 s for 1 of 6 steps: 10 s left; 4 s for 2 of 6: 8 s left; (0.9·30 + 0.6·30) / 60 = 0.75
            assertEquals("epoch 2/3: 1/3 batches (33 %), loss 0.9000, 15 samples/s, elapsed 0:02, left 0:10", lines.get(0));
            assertEquals("epoch 2/3: 2/3 batches (66 %), loss 0.7500, 15 samples/s, elapsed 0:04, left 0:08", lines.get(1));
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void theEstimateCountsEveryEpochStillToCome() {
        // 100 steps of 5 epochs done in 50 s: 400 steps left at 0.5 s each
        Progress p = new Progress(2, 5, 50, 100, 0.5, 1000, 75, 400 * 0.5);
        assertTrue(p.logLine().endsWith("elapsed 1:15, left 3:20"), p.logLine());
        assertEquals("1:02:03", Progress.clock(3723));
        assertEquals("?", Progress.clock(Double.NaN));
    }

    @Test
    void theBarFitsEightyColumnsWithARealBarAndLabelledTimes() {
        Progress p = new Progress(12, 200, 1234, 1875, 0.41234, 123456, 4000, 65000);
        String line = p.bar(79);
        assertTrue(line.length() <= 79, line.length() + ": " + line);
        assertTrue(line.startsWith("epoch 12/200 [=") && line.contains(">"), line);
        int barWidth = line.indexOf(']') - line.indexOf('[') - 1;
        assertTrue(barWidth >= Progress.MIN_BAR, "the bar keeps " + barWidth + " columns: " + line);
        assertTrue(line.endsWith(" 65% loss 0.4123 · elapsed 1:06:40 · left 18:03:20"), line);
        String wide = p.bar(119);
        assertTrue(wide.contains("123,456 samples/s") && wide.length() == 119, wide);
        assertEquals(119, new Progress(1, 1, 1, 2, 0.5, 10, 1, 1).bar(119).length(), "the bar fills the width");
    }

    @Test
    void theBarIsRedrawnInPlaceAndClearedAtTheEndOfTheEpoch() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong(0);
        TrainingListener bar = ProgressReporter.bar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 80, clock::get);
        bar.onStart(new TrainingPlan(1, 1, 4, 40));
        for (int step = 1; step <= 4; step++) {
            clock.addAndGet(SECOND / 10);   // 100 ms a step: steps 2 and 3 come before the next redraw is due
            bar.onStep(1, step, 1.0, 10);
        }
        bar.onEpoch(new EpochResult(1, 1, 0.5, Double.NaN, Double.NaN, 0.01, 0.4, 100));
        String[] frames = bytes.toString(StandardCharsets.UTF_8).split("\r", -1);
        assertEquals("", frames[0]);
        assertTrue(frames[1].startsWith("epoch 1/1 [") && frames[1].contains(" 25% "), frames[1]);
        assertTrue(frames[2].contains(" 100% ") && frames[2].contains("left 0:00"), Arrays.toString(frames));
        assertEquals(" ".repeat(79), frames[3], "the line is blanked");
        assertEquals(5, frames.length);
        assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("\n"), "the bar never starts a new line");
    }

    @Test
    void consoleMessagesCarryNoLogbackPrefix() {
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            LoggerFactory.getLogger(ProgressReporter.CONSOLE).info("epoch 1/2: 3/4 batches");
        } finally {
            System.setErr(err);
        }
        assertEquals("epoch 1/2: 3/4 batches" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void epochRowsFitEightyColumnsUnderTheirHeader() {
        EpochTable table = new EpochTable(new java.io.PrintWriter(new java.io.StringWriter()), true);
        String header = table.header(9999);
        String row = table.row(new EpochResult(9999, 12.3456, 0.98766, 0.1234, 0.9, 0.002, 99999.9, 12_345_678), 9999);
        assertTrue(row.length() <= EpochTable.WIDTH, row.length() + ": " + row);
        assertEquals("epoch 9999/9999 12.3456 0.9877   0.1234  0.9000  2.0e-03  99999.9 12,345,678", row);
        assertEquals(row.indexOf("0.9877") + 6, header.indexOf(" acc") + 4, "columns line up:\n" + header + "\n" + row);
        assertTrue(table.row(new EpochResult(3, 0.5, 0.8, 0.6, 0.7, 0.002, 1.5, 1000), 20).startsWith("epoch  3/20  0.5000 0.8000"));
    }
}
