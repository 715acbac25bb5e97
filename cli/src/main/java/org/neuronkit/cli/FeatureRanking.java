package org.neuronkit.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A table of features ranked by a score, most important first (ties by feature order), as
 * {@code explain} prints it and writes it as CSV:
 * {@code rank,feature,<score>,<second>}.
 */
final class FeatureRanking {
    private final String score;
    private final String second;
    private final List<Entry> ranked;

    /** One feature: its name, the score it is ranked by, and a second column (a spread or a signed mean). */
    record Entry(int feature, String name, double score, double second) {
    }

    FeatureRanking(String score, String second, List<Entry> entries) {
        this.score = score;
        this.second = second;
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingDouble(Entry::score).reversed().thenComparingInt(Entry::feature));
        this.ranked = List.copyOf(sorted);
    }

    List<Entry> ranked() {
        return ranked;
    }

    /** The first {@code limit} features as aligned text. */
    String text(int limit) {
        int width = Math.max(7, ranked.stream().mapToInt(e -> e.name().length()).max().orElse(7));
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%4s  %-" + width + "s  %12s  %12s%n", "rank", "feature", score, second));
        for (int i = 0; i < Math.min(limit, ranked.size()); i++) {
            Entry e = ranked.get(i);
            text.append(String.format(Locale.ROOT, "%4d  %-" + width + "s  %12.6f  %12.6f%n", i + 1, e.name(), e.score(), e.second()));
        }
        if (limit < ranked.size()) {
            text.append(String.format("(%d more features in the CSV file)%n", ranked.size() - limit));
        }
        return text.toString();
    }

    /** Writes every feature as CSV ({@link Csv}: header first, written atomically). */
    void writeCsv(java.nio.file.Path file) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Entry e = ranked.get(i);
            rows.add(List.of(i + 1, e.name(), e.score(), e.second()));
        }
        Csv.write(file, List.of("rank", "feature", score, second), rows);
    }
}
