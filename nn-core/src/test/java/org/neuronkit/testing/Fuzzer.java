package org.neuronkit.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

import org.neuronkit.NeuronKitException;

/**
 * A seeded, time-bounded mutation fuzzer for file readers. Each input is a valid seed file changed
 * by one or more {@link Mutation}s; it is written to disk and given to the reader, which must either
 * load it or throw a {@link NeuronKitException}. Anything else (another exception, an
 * {@link OutOfMemoryError}, an input taking longer than {@link #SLOW_NANOS}) is recorded as a failure
 * with the seed and round that reproduce it.
 */
public final class Fuzzer {
    /** One input slower than this counts as a hang. */
    public static final long SLOW_NANOS = 5_000_000_000L;

    /** A change to a file's bytes. */
    @FunctionalInterface
    public interface Mutation {
        byte[] apply(byte[] file, Random random);
    }

    /** What a run tried and found. */
    public record Outcome(String reader, int tried, int loaded, int refused, List<String> failures) {
        @Override
        public String toString() {
            return String.format("%s: %,d inputs, %,d loaded, %,d refused with the toolkit's exception, %d other failures%s", reader,
                    tried, loaded, refused, failures.size(), failures.isEmpty() ? "" : ": " + failures.subList(0, Math.min(5, failures.size())));
        }
    }

    private Fuzzer() {
    }

    /**
     * Feeds up to {@code maxInputs} mutants of {@code seeds} to {@code reader} for at most
     * {@code budgetNanos}.
     */
    public static Outcome run(String name, List<byte[]> seeds, List<Mutation> mutations, Consumer<Path> reader, Path dir, long seed,
            int maxInputs, long budgetNanos) {
        Random random = new Random(seed);
        Path file = dir.resolve(name + ".fuzz");
        List<String> failures = new ArrayList<>();
        int loaded = 0;
        int refused = 0;
        int tried = 0;
        long end = System.nanoTime() + budgetNanos;
        while (tried < maxInputs && System.nanoTime() < end) {
            byte[] input = seeds.get(random.nextInt(seeds.size()));
            int changes = 1 + random.nextInt(3);
            for (int c = 0; c < changes; c++) {
                input = mutations.get(random.nextInt(mutations.size())).apply(input, random);
            }
            write(file, input);
            tried++;
            long start = System.nanoTime();
            try {
                reader.accept(file);
                loaded++;
            } catch (NeuronKitException e) {
                refused++;
            } catch (Throwable t) {
                failures.add("input " + tried + " (seed " + seed + "): " + t);
            }
            long took = System.nanoTime() - start;
            if (took > SLOW_NANOS) {
                failures.add("input " + tried + " (seed " + seed + ") took " + took / 1e9 + " s");
            }
        }
        return new Outcome(name, tried, loaded, refused, failures);
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flips one to eight random bits. */
    public static Mutation bitFlips() {
        return (file, random) -> {
            byte[] out = file.clone();
            if (out.length > 0) {
                for (int i = 1 + random.nextInt(8); i > 0; i--) {
                    int at = random.nextInt(out.length);
                    out[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            return out;
        };
    }

    /** Cuts the file at a random length. */
    public static Mutation truncation() {
        return (file, random) -> Arrays.copyOf(file, file.length == 0 ? 0 : random.nextInt(file.length));
    }

    /** Appends random bytes. */
    public static Mutation trailingBytes() {
        return (file, random) -> {
            byte[] extra = new byte[1 + random.nextInt(64)];
            random.nextBytes(extra);
            byte[] out = Arrays.copyOf(file, file.length + extra.length);
            System.arraycopy(extra, 0, out, file.length, extra.length);
            return out;
        };
    }

    /** Overwrites a 4- or 8-byte field at one of {@code offsets} with an extreme value, big- or little-endian. */
    public static Mutation extremeField(int[] offsets, int width, boolean bigEndian) {
        long[] extremes = {0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xFFFF_FFFFL, 1L << 31, 1L << 40, Long.MAX_VALUE,
                Long.MIN_VALUE, 1_000_000_000L};
        return (file, random) -> {
            byte[] out = file.clone();
            int at = offsets[random.nextInt(offsets.length)];
            long value = random.nextInt(4) == 0 ? random.nextLong() : extremes[random.nextInt(extremes.length)];
            for (int b = 0; b < width && at + b < out.length; b++) {
                int shift = 8 * (bigEndian ? width - 1 - b : b);
                out[at + b] = (byte) (value >>> shift);
            }
            return out;
        };
    }

    /** Replaces one occurrence of a token in the file's text (e.g. a number, a bracket) by one of {@code replacements}. */
    public static Mutation textReplacement(String pattern, String... replacements) {
        java.util.regex.Pattern regex = java.util.regex.Pattern.compile(pattern);
        return (file, random) -> {
            String text = new String(file, StandardCharsets.ISO_8859_1);
            java.util.regex.Matcher m = regex.matcher(text);
            List<int[]> spans = new ArrayList<>();
            while (m.find()) {
                spans.add(new int[] {m.start(), m.end()});
            }
            if (spans.isEmpty()) {
                return file;
            }
            int[] span = spans.get(random.nextInt(spans.size()));
            String replacement = replacements[random.nextInt(replacements.length)];
            return (text.substring(0, span[0]) + replacement + text.substring(span[1])).getBytes(StandardCharsets.ISO_8859_1);
        };
    }

    /** Gzips the (possibly already mutated) file, so that later mutations hit the compressed form. */
    public static Mutation gzip() {
        return (file, random) -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
                out.write(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        };
    }
}
