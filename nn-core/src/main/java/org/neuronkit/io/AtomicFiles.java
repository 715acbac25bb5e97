package org.neuronkit.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

import org.neuronkit.ModelFileException;

/**
 * Writes a file so that a reader sees either the old content or the complete new content, never a
 * half-written file: the content goes to a temporary file in the target's directory, is flushed to
 * the device ({@link FileChannel#force}), and is then renamed over the target in one atomic step
 * ({@link StandardCopyOption#ATOMIC_MOVE}). On any failure the temporary file is removed and an
 * existing target is left untouched.
 */
public final class AtomicFiles {

    /** The content of a file, written to a fresh channel. */
    @FunctionalInterface
    public interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically with {@code content}.
     *
     * @throws ModelFileException naming the file if its directory is missing or writing fails; an
     *         existing target is then left as it was
     */
    public static void write(Path target, Content content) {
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new ModelFileException("file " + target + ": cannot write: directory " + dir + " does not exist");
        }
        Path temp = dir.resolve("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(channel);
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new ModelFileException("file " + target + ": cannot write: " + e, e);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original failure is the one to report
                }
            }
        }
    }

    /** Makes the rename itself durable where the platform allows syncing a directory (not on Windows). */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // not supported on this platform; the file itself is already on the device
        }
    }
}
