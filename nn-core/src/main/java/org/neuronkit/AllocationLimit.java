package org.neuronkit;

import java.util.Locale;
import java.util.function.Function;

/**
 * The most bytes that one array made from untrusted sizes may take: the sizes in a data file's
 * header, a model file's tensors, the rows of a CSV file, the parameters of a network. A size over
 * the limit fails before anything is allocated, with a message giving the bytes requested and the
 * limit.
 *
 * <p>The limit is {@value #DEFAULT_BYTES} bytes (2 GiB) unless the system property
 * {@value #PROPERTY} gives another number of bytes (read at each check, so it can be changed at run
 * time): e.g. {@code -Dneuronkit.maxAllocationBytes=8589934592} for 8 GiB.
 */
public final class AllocationLimit {
    /** The system property that sets the limit, in bytes. */
    public static final String PROPERTY = "neuronkit.maxAllocationBytes";
    /** The limit when the property is not set: 2 GiB. */
    public static final long DEFAULT_BYTES = 2L << 30;

    private AllocationLimit() {
    }

    /** The limit now, in bytes. */
    public static long maxBytes() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_BYTES;
        }
        try {
            long bytes = Long.parseLong(value.trim());
            if (bytes > 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException("system property " + PROPERTY + " is '" + value + "', expected a positive number of bytes");
    }

    /** {@code count × elementBytes}, or {@link Long#MAX_VALUE} when the product overflows. */
    public static long bytes(long count, long elementBytes) {
        return count > Long.MAX_VALUE / Math.max(1, elementBytes) ? Long.MAX_VALUE : count * elementBytes;
    }

    /**
     * Fails with {@code failure(message)} when {@code bytes} exceed the limit, before the caller
     * allocates them; the message reads "{@code what}: B bytes requested, more than the allocation
     * limit of L bytes (...)".
     */
    public static void check(long bytes, String what, Function<String, ? extends NeuronKitException> failure) {
        long limit = maxBytes();
        if (bytes > limit) {
            String requested = bytes == Long.MAX_VALUE ? "more than " + format(Long.MAX_VALUE) : format(bytes);
            throw failure.apply(what + ": " + requested + " bytes requested, more than the allocation limit of " + format(limit)
                    + " bytes (set the system property " + PROPERTY + " to raise it)");
        }
    }

    private static String format(long bytes) {
        return String.format(Locale.ROOT, "%,d", bytes);
    }
}
