package org.neuronkit.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.neuronkit.FileWriteException;
import org.neuronkit.ModelFileException;

/**
 * Writes a file so that a reader sees either the old content or the complete new content, never a
 * half-written file: the content goes to a temporary file {@code .<name>.<random hex>.tmp} in the
 * target's directory, is flushed to the device ({@link FileChannel#force}), and is then renamed over
 * the target in one atomic step ({@link StandardCopyOption#ATOMIC_MOVE}). On any failure the
 * temporary file is removed and an existing target is left untouched; a process killed while writing
 * leaves only the temporary file, which {@link #removeLeftovers} deletes.
 *
 * <p>For crash tests, the system property {@value #PAUSE_PROPERTY} (milliseconds) pauses each write
 * after its content is written and before the rename, so that a kill can land inside a write.
 */
public final class AtomicFiles {
    /** Milliseconds to pause inside each write, before the rename (crash tests only). */
    public static final String PAUSE_PROPERTY = "neuronkit.test.atomicWritePauseMillis";
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.[0-9a-f]{1,16}\\.tmp");

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
     * @throws FileWriteException naming the file if its directory is missing or writing fails (a full
     *         disk, no permission); an existing target is then left as it was
     */
    public static void write(Path target, Content content) {
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new FileWriteException("file " + target + ": cannot write: directory " + dir + " does not exist");
        }
        Path temp = dir.resolve("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(channel);
                pauseForCrashTests();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new FileWriteException("file " + target + ": cannot write: " + e, e);
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

    /** Writes {@code bytes} to {@code target} atomically, as {@link #write(Path, Content)}. */
    public static void write(Path target, byte[] bytes) {
        write(target, channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        });
    }

    /**
     * Deletes the temporary files that writes into {@code dir} interrupted by a kill left behind.
     *
     * @return how many were deleted
     */
    public static int removeLeftovers(Path dir) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, p -> TEMPORARY.matcher(p.getFileName().toString()).matches())) {
            for (Path file : files) {
                removed += Files.deleteIfExists(file) ? 1 : 0;
            }
        } catch (IOException e) {
            throw new ModelFileException("folder " + dir + ": cannot remove temporary files: " + e, e);
        }
        return removed;
    }

    private static void pauseForCrashTests() {
        String millis = System.getProperty(PAUSE_PROPERTY);
        if (millis != null) {
            try {
                Thread.sleep(Long.parseLong(millis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
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
