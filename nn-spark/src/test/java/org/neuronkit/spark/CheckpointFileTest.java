package org.neuronkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.ConfigurationException;

/**
 * Reading a checkpoint file, without Spark: a checkpoint written is read back whole, and a file holding
 * an object of a class no checkpoint holds is refused by name before that object is built.
 */
class CheckpointFileTest {

    @Test
    void aCheckpointIsReadBackWhole(@TempDir Path dir) {
        TrainingCheckpoint written = new TrainingCheckpoint("fit A", 3, new float[] {1, 2, 3}, null, new float[] {4, 5}, "{\"type\":\"constant\"}",
                List.of(new NeuronKitTrainingSummary.Epoch(1, 0.01, 0.9, 0.8, 0.7, 1.5)));
        written.write(dir.toString(), new Configuration());
        TrainingCheckpoint read = TrainingCheckpoint.latest(dir.toString(), new Configuration(), "fit A");
        assertEquals(3, read.epoch());
        assertEquals(List.of(1f, 2f, 3f), List.of(read.state()[0], read.state()[1], read.state()[2]));
        assertEquals(written.history(), read.history());
        assertEquals(written.schedule(), read.schedule());
        assertNull(TrainingCheckpoint.latest(dir.resolve("none").toString(), new Configuration(), "fit A"));
    }

    @Test
    void anObjectOfAnotherClassIsRefusedByName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("epoch-00007.ckpt");
        try (OutputStream bytes = Files.newOutputStream(file); ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(List.of(new File("/etc/passwd")));
        }
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> TrainingCheckpoint.latest(dir.toString(), new Configuration(), "fit A"));
        assertEquals("checkpoint " + new org.apache.hadoop.fs.Path(dir.toString(), file.getFileName().toString()).makeQualified(
                org.apache.hadoop.fs.FileSystem.getLocal(new Configuration())) + " holds an object of class java.io.File, which no nn-spark"
                + " checkpoint holds; it was not read. Use another checkpointDir", e.getMessage());
    }
}
