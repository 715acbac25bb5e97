package org.neuronkit.cuda13.engine;

/**
 * {@link Ops} memory in the JVM's heap, for the implementations that run on the CPU: {@link ReferenceOps} and
 * the tests' host-compiled kernels. A buffer is a float[] or an int[] with an offset; nothing waits.
 */
public abstract class HostMemory implements Ops {

    /** Host storage: a float[] or an int[]. */
    static final class Host extends Buffer {
        final float[] f;
        final int[] i;

        Host(float[] f, int[] i, long offset, long length) {
            super(offset, length);
            this.f = f;
            this.i = i;
        }

        @Override
        protected Buffer at(long offset, long length) {
            return new Host(f, i, offset, length);
        }

        int o() {
            return (int) offset();
        }
    }

    static Host h(Buffer b) {
        return (Host) b;
    }

    @Override
    public Buffer floats(long n) {
        return new Host(new float[Math.toIntExact(n)], null, 0, n);
    }

    @Override
    public Buffer ints(long n) {
        return new Host(null, new int[Math.toIntExact(n)], 0, n);
    }

    @Override
    public void upload(float[] source, Buffer target) {
        System.arraycopy(source, 0, h(target).f, h(target).o(), source.length);
    }

    @Override
    public void upload(int[] source, Buffer target) {
        System.arraycopy(source, 0, h(target).i, h(target).o(), source.length);
    }

    @Override
    public void download(Buffer source, float[] target) {
        System.arraycopy(h(source).f, h(source).o(), target, 0, target.length);
    }

    @Override
    public void download(Buffer source, int[] target) {
        System.arraycopy(h(source).i, h(source).o(), target, 0, target.length);
    }

    /** The float array behind a buffer of {@link #floats}, or null for one of {@link #ints}; the buffer starts at its offset. */
    protected static float[] floatStorage(Buffer b) {
        return h(b).f;
    }

    /** The int array behind a buffer of {@link #ints}, or null for one of {@link #floats}. */
    protected static int[] intStorage(Buffer b) {
        return h(b).i;
    }

    @Override
    public void synchronize() {
    }

    @Override
    public void close() {
    }
}
