package org.neuronkit.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.neuronkit.registry.Registry;

/**
 * The support matrix: every registry entry of every {@link Family} × every {@link PathSupport} on the class
 * path. {@link #gaps} lists the cells without an answer; {@link #markdown} writes docs/support.md.
 */
public final class SupportMatrix {
    private final List<PathSupport> paths;

    /** The matrix of the given paths, in column order (sorted by {@link PathSupport#path()}). */
    public SupportMatrix(List<PathSupport> paths) {
        this.paths = paths.stream().sorted(Comparator.comparing(PathSupport::path)).toList();
    }

    /** The matrix of every path {@link ServiceLoader} finds. */
    public static SupportMatrix found() {
        List<PathSupport> found = new ArrayList<>();
        ServiceLoader.load(PathSupport.class).forEach(found::add);
        return new SupportMatrix(found);
    }

    /** The paths, in column order. */
    public List<PathSupport> paths() {
        return paths;
    }

    /**
     * The answer of {@code path} for {@code entry}.
     *
     * @throws IllegalStateException naming the path and the entry if the path gives no answer (null) or fails
     */
    public static Support cell(PathSupport path, Family family, Registry.Entry<?> entry) {
        Support support;
        try {
            support = path.support(family, entry);
        } catch (RuntimeException e) {
            throw new IllegalStateException(path.path() + " × " + entry.name() + " (" + family.title() + "): "
                    + path.getClass().getName() + " failed instead of answering: " + e, e);
        }
        if (support == null) {
            throw new IllegalStateException(path.path() + " × " + entry.name() + " (" + family.title() + "): "
                    + path.getClass().getName() + " gave no answer");
        }
        return support;
    }

    /** The cells that are neither supported nor refused with a reason, one line each naming path, family and entry. */
    public List<String> gaps() {
        List<String> gaps = new ArrayList<>();
        for (Family family : Family.values()) {
            for (Registry.Entry<?> entry : family.registry().entries()) {
                for (PathSupport path : paths) {
                    try {
                        cell(path, family, entry);
                    } catch (IllegalStateException e) {
                        gaps.add(e.getMessage());
                    }
                }
            }
        }
        return gaps;
    }

    /** docs/support.md: one table per family, a row per entry, a column per path. */
    public String markdown(String regenerate) {
        StringBuilder md = new StringBuilder();
        md.append("# Support matrix\n\n")
                .append("Which path serves which registered component. Generated from the registries (one definition per component)\n")
                .append("and each path's `PathSupport` (docs/design.md, \"Faces\"): do not edit; regenerate with\n")
                .append("`").append(regenerate).append("`.\n")
                .append("A path refuses what it cannot serve by name, with the reason given here, before any work.\n");
        for (Family family : Family.values()) {
            md.append("\n## ").append(family.title()).append("\n\n| |");
            paths.forEach(p -> md.append(' ').append(p.path()).append(" |"));
            md.append("\n|---|");
            paths.forEach(p -> md.append("---|"));
            md.append('\n');
            for (Registry.Entry<?> entry : family.registry().entries()) {
                md.append("| `").append(escape(entry.usage())).append("` |");
                for (PathSupport path : paths) {
                    Support s = cell(path, family, entry);
                    md.append(' ').append(s.supported() ? "yes" : "no")
                            .append(s.note().isEmpty() ? "" : ": " + escape(s.note())).append(" |");
                }
                md.append('\n');
            }
        }
        return md.toString();
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace('\n', ' ');
    }
}
