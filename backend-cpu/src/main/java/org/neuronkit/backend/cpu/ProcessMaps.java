package org.neuronkit.backend.cpu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What this process has mapped, read from Linux's {@code /proc/self/maps}: one line per mapping,
 * {@code start-end perms offset dev inode path}. Where the file cannot be read (another OS), nothing
 * is mapped and no address has a file.
 */
final class ProcessMaps {
    private static final Path MAPS = Path.of("/proc/self/maps");

    private ProcessMaps() {
    }

    /** Whether a mapped file's path contains {@code name}, e.g. {@code libgomp}. */
    static boolean contains(String name) {
        try (Stream<String> maps = Files.lines(MAPS)) {
            return maps.anyMatch(line -> line.contains(name));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** The file mapped at {@code address}, e.g. the library that holds a symbol. */
    static Optional<Path> fileAt(long address) {
        BigInteger at = BigInteger.valueOf(address);
        try (Stream<String> maps = Files.lines(MAPS)) {
            return maps.map(line -> line.split("\\s+", 6))
                    .filter(fields -> fields.length == 6 && within(fields[0], at))
                    .map(fields -> Path.of(fields[5].trim()))
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code address} lies in the range {@code start-end} (hexadecimal, end exclusive). */
    private static boolean within(String range, BigInteger address) {
        String[] bounds = range.split("-");
        return address.compareTo(new BigInteger(bounds[0], 16)) >= 0 && address.compareTo(new BigInteger(bounds[1], 16)) < 0;
    }
}
