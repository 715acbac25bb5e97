package org.neuronkit.cli.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * What tells one version of a file from the next without reading it: its modification time, size and
 * file key (the inode, new with every atomic replacement). {@link #of} is null for a missing file.
 */
record FileStamp(Object modified, long size, Object key) {

    static FileStamp of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (NoSuchFileException missing) {
            return null;
        } catch (IOException e) {
            return null; // unreadable for now: looked at again at the next poll
        }
    }

    /** Whether {@code now} differs from {@code before} (either may be null). */
    static boolean changed(FileStamp before, FileStamp now) {
        return !Objects.equals(before, now);
    }
}
