package org.neuronkit.cuda13.engine;

/**
 * A run of {@link #length()} 4-byte elements (floats, or ints for labels, indices and counters) owned by an
 * {@link Ops}: host arrays for {@link ReferenceOps}, device memory for {@link CudaOps}. A slice shares its
 * parent's storage.
 */
public abstract class Buffer {
    private final long offset;
    private final long length;

    protected Buffer(long offset, long length) {
        this.offset = offset;
        this.length = length;
    }

    /** Elements from the start of the storage to this buffer's first element. */
    public final long offset() {
        return offset;
    }

    public final long length() {
        return length;
    }

    /** Elements {@code from} … {@code from + length − 1} of this buffer, sharing its storage. */
    public final Buffer slice(long from, long length) {
        if (from < 0 || length < 0 || from + length > this.length) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + (from + length) + ") of a buffer of " + this.length);
        }
        return at(offset + from, length);
    }

    /** A buffer over the same storage at an absolute offset. */
    protected abstract Buffer at(long offset, long length);
}
