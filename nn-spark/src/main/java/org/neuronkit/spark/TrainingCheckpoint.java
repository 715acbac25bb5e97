package org.neuronkit.spark;

import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.neuronkit.ConfigurationException;
import org.neuronkit.train.EarlyStopping;

/**
 * The driver's training state after an epoch, in a Hadoop file system directory (local, HDFS, S3…):
 * everything a fit restarted after the driver died needs to continue as if it had not stopped. That
 * is the parameters and optimizer state ({@link FlatState}), the epoch, early stopping's state and the
 * best epoch's parameters, the learning-rate schedule as its JSON record (a plateau's progress is in it),
 * and the history so far. The minibatch sequence and the dropout masks are functions of (settings,
 * epoch, step), so they need no saving.
 *
 * <p>Files: {@code epoch-00005.ckpt} for epoch 5, written as {@code _epoch-00005.ckpt.tmp} and renamed
 * when complete, then the older checkpoints are deleted, so the directory always holds one whole
 * checkpoint. {@code fingerprint} describes the fit (network, settings, rows, partitions); a
 * checkpoint of another fit is refused, never resumed.
 *
 * <p>The file is Java serialisation, read through a filter ({@link CheckpointClasses}) that lets
 * through only NeuronKit's classes and {@code java.lang}'s and {@code java.util}'s: an object of any
 * other class in the file (someone else's file in a shared directory, say) is refused by name before
 * it is built, so reading a checkpoint runs no code but NeuronKit's and the JDK's.
 */
record TrainingCheckpoint(String fingerprint, int epoch, float[] state, EarlyStopping earlyStop, float[] bestParameters, String schedule,
                          List<NeuronKitTrainingSummary.Epoch> history) implements Serializable {
    private static final String PREFIX = "epoch-";
    private static final String SUFFIX = ".ckpt";

    /** Writes this checkpoint into {@code dir} and then deletes the older ones there. */
    void write(String dir, Configuration hadoop) {
        Path folder = new Path(dir);
        Path done = new Path(folder, String.format(Locale.ROOT, "%s%05d%s", PREFIX, epoch, SUFFIX));
        Path partial = new Path(folder, "_" + done.getName() + ".tmp");
        try {
            FileSystem fs = folder.getFileSystem(hadoop);
            fs.mkdirs(folder);
            try (ObjectOutputStream out = new ObjectOutputStream(fs.create(partial, true))) {
                out.writeObject(this);
            }
            fs.delete(done, false);
            if (!fs.rename(partial, done)) {
                throw new IOException("cannot rename " + partial + " to " + done);
            }
            for (FileStatus file : checkpoints(fs, folder)) {
                if (!file.getPath().getName().equals(done.getName())) {
                    fs.delete(file.getPath(), false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + done + ": " + e.getMessage(), e);
        }
    }

    /**
     * The latest checkpoint in {@code dir}, or null if it has none (or does not exist).
     *
     * @throws ConfigurationException if that checkpoint belongs to another fit ({@code fingerprint} differs)
     */
    static TrainingCheckpoint latest(String dir, Configuration hadoop, String fingerprint) {
        Path folder = new Path(dir);
        try {
            FileSystem fs = folder.getFileSystem(hadoop);
            if (!fs.exists(folder)) {
                return null;
            }
            Path latest = null;
            for (FileStatus file : checkpoints(fs, folder)) {
                if (latest == null || file.getPath().getName().compareTo(latest.getName()) > 0) {
                    latest = file.getPath();
                }
            }
            if (latest == null) {
                return null;
            }
            TrainingCheckpoint checkpoint;
            CheckpointClasses classes = new CheckpointClasses();
            try (ObjectInputStream in = new ObjectInputStream(fs.open(latest))) {
                in.setObjectInputFilter(classes);
                checkpoint = (TrainingCheckpoint) in.readObject();
            } catch (InvalidClassException e) {
                if (classes.refused != null) {
                    throw new ConfigurationException("checkpoint " + latest + " holds an object of class " + classes.refused.getName()
                            + ", which no nn-spark checkpoint holds; it was not read. Use another checkpointDir");
                }
                throw anotherVersion(latest, e);
            } catch (ClassNotFoundException | ClassCastException e) {
                throw anotherVersion(latest, e);
            }
            if (!checkpoint.fingerprint().equals(fingerprint)) {
                throw new ConfigurationException("checkpointDir " + dir + " holds a checkpoint of another fit: " + checkpoint.fingerprint()
                        + "; this fit is " + fingerprint + ". Use another checkpointDir, or delete that one to start afresh");
            }
            return checkpoint;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoints in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static ConfigurationException anotherVersion(Path file, Exception e) {
        return new ConfigurationException("checkpoint " + file + " was written by another version of nn-spark (" + e.getMessage()
                + "); use another checkpointDir");
    }

    /** The classes a checkpoint may hold; remembers the first class it refused. */
    private static final class CheckpointClasses implements ObjectInputFilter {
        private static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config.createFilter("maxdepth=20;org.neuronkit.**;java.lang.*;java.util.*;!*");
        private Class<?> refused;

        @Override
        public Status checkInput(FilterInfo info) {
            Status status = ALLOWED.checkInput(info);
            if (status == Status.REJECTED && refused == null && info.serialClass() != null) {
                refused = info.serialClass();
            }
            return status;
        }
    }

    private static List<FileStatus> checkpoints(FileSystem fs, Path folder) throws IOException {
        List<FileStatus> files = new ArrayList<>();
        for (FileStatus file : fs.listStatus(folder)) {
            String name = file.getPath().getName();
            if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
                files.add(file);
            }
        }
        return files;
    }
}
