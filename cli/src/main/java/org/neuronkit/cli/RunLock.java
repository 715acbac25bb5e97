package org.neuronkit.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.neuronkit.ConfigurationException;

/**
 * The lock a training run holds on its folder for its whole life: an exclusive {@link FileLock} on
 * {@value #FILE} in the folder, which holds the holder's process id. A second {@code train} on the
 * same folder (a new run, {@code --overwrite} or {@code --resume}) is refused, naming that process.
 * The operating system releases the lock when the process ends, however it ends, so a killed run
 * leaves no stale lock (only the file, which the next run takes over).
 */
final class RunLock implements AutoCloseable {
    static final String FILE = ".neuronkit.lock";
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code folder} and writes this process's id into it.
     *
     * @throws ConfigurationException when another run holds it, naming the holder's process id
     */
    static RunLock take(Path folder) {
        Path file = folder.resolve(FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this process, by another run in it
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new ConfigurationException("the run folder " + folder + " is in use by another training (process "
                        + (holder.isEmpty() ? "unknown" : holder) + "); wait for it to end or choose another --out");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new RunLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ConfigurationException("cannot lock the run folder " + folder + ": " + e);
        }
    }

    /** Releases the lock and deletes its file (for a folder that is being removed). */
    void releaseAndDelete() {
        close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the folder then stays; the failure that ended the run is the one to report
        }
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
