package org.neuronkit.cli.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The runs under the dashboard's root folder, named by their path relative to it with {@code /}
 * separators: the root itself ({@value #ROOT}) when it is a run, else each run folder in it and each
 * run folder one level deeper (a study's trials, {@code study/trial-03}). A folder is a run when it
 * holds the run's metrics or settings. Hidden folders are skipped.
 *
 * <p>A name the client sends is only ever looked up among these: a name with an empty, {@code .} or
 * {@code ..} segment, a backslash, or an absolute path is {@linkplain RefusedName refused}, and any other
 * name that is not a run here is {@linkplain UnknownRun unknown}. No path the client sends is opened.
 */
final class RunCatalog {
    /** The name of the root folder when it is itself a run. */
    static final String ROOT = ".";
    private final Path root;
    private final RunFiles files;
    private final boolean oneRun;

    /**
     * @param oneRun whether the root is one run even before it holds any file (the folder of
     *     {@code train --ui}, whose data may still be loading); else it is a run once it holds one
     */
    RunCatalog(Path root, RunFiles files, boolean oneRun) {
        this.root = root.toAbsolutePath().normalize();
        this.files = files;
        this.oneRun = oneRun;
    }

    Path root() {
        return root;
    }

    RunFiles files() {
        return files;
    }

    /** Whether the root folder is itself a run (the dashboard of {@code train --ui}). */
    boolean rootIsRun() {
        return oneRun || isRun(root);
    }

    /** The names of the runs now under the root, sorted. */
    List<String> names() {
        if (rootIsRun()) {
            return List.of(ROOT);
        }
        List<String> names = new ArrayList<>();
        for (Path child : folders(root)) {
            if (isRun(child)) {
                names.add(child.getFileName().toString());
            } else {
                for (Path grandchild : folders(child)) {
                    if (isRun(grandchild)) {
                        names.add(child.getFileName() + "/" + grandchild.getFileName());
                    }
                }
            }
        }
        return names;
    }

    /** The folder of the run {@code name}; refuses a name that is not one of {@link #names()}. */
    Path folder(String name) {
        if (name == null || name.isEmpty()) {
            throw new RefusedName("no run named: give ?run=NAME");
        }
        if (!name.equals(ROOT) && !wellFormed(name)) {
            throw new RefusedName("refused run name '" + name + "': a run is named by its folder's path inside " + root
                    + " (no '..', '.', empty segments, backslashes or absolute paths)");
        }
        if (!names().contains(name)) {
            throw new UnknownRun("no run named '" + name + "' in " + root);
        }
        Path folder = root.resolve(name).normalize();
        if (!folder.startsWith(root)) {
            throw new RefusedName("refused run name '" + name + "': outside " + root);
        }
        return folder;
    }

    /** The name shown for a run: its folder's path relative to the root, or the root folder's own name. */
    String title(String name) {
        return name.equals(ROOT) ? String.valueOf(root.getFileName()) : name;
    }

    private static boolean wellFormed(String name) {
        if (name.startsWith("/") || name.contains("\\") || name.indexOf('\0') >= 0) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(files.metrics())) || Files.isRegularFile(dir.resolve(files.settings()));
    }

    private static List<Path> folders(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + dir, e);
        }
    }

    /** A run name the dashboard refuses to look up (HTTP 400). */
    static final class RefusedName extends RuntimeException {
        RefusedName(String message) {
            super(message);
        }
    }

    /** A well-formed name that is no run under the root (HTTP 404). */
    static final class UnknownRun extends RuntimeException {
        UnknownRun(String message) {
            super(message);
        }
    }
}
