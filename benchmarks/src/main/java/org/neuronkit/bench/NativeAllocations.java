package org.neuronkit.bench;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.memory.deallocation.DeallocatorService;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * Counts ND4J's off-heap allocations made inside a measured region ({@link #mark()} … {@link #since(long)}).
 *
 * <p>ND4J keeps no cumulative byte counter on the CPU backend (its {@code AllocationsTracker} and
 * JavaCPP's {@code Pointer.totalBytes()} stay at zero for data buffers). But every native object it
 * creates — a data buffer ({@code BCDB_<id>}) or an op context ({@code CTX_<id>}) — takes the next id
 * of the {@link DeallocatorService} and registers a weak reference under that id. So the ids handed
 * out between two marks are exactly the objects created in between; looking them up gives their
 * count and, for data buffers that own memory (not views, not workspace-attached), their bytes.
 * Counting is off until {@link NativeMemoryProfiler} switches it on, so plain runs pay one
 * static read per step.
 *
 * <p>It also counts the JVM heap bytes the measuring thread allocates inside the region. JMH's
 * {@code gc.alloc.rate.norm} divides the whole JVM's allocation (ND4J's deallocator threads, JMH's
 * own) by the operations, which for a slow operation adds hundreds of bytes the step never made.
 */
public final class NativeAllocations {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    static volatile boolean enabled;
    private static long objects;
    private static long buffers;
    private static long bytes;
    private static long heapBytes;
    private static long heapAtMark;

    private NativeAllocations() {
    }

    /** Start of a measured region: the current id, or 0 when counting is off. */
    public static long mark() {
        if (!enabled) {
            return 0;
        }
        long id = Nd4j.getDeallocatorService().nextValue();
        heapAtMark = THREADS.getCurrentThreadAllocatedBytes();
        return id;
    }

    /** End of the region opened by {@code mark}: adds what was created in between to the totals. */
    public static void since(long mark) {
        if (!enabled || mark == 0) {
            return;
        }
        long heap = THREADS.getCurrentThreadAllocatedBytes() - heapAtMark;
        long end = Nd4j.getDeallocatorService().nextValue();
        synchronized (NativeAllocations.class) {
            heapBytes += heap;
            objects += end - mark - 1;
            for (long id = mark + 1; id < end; id++) {
                Reference<?> ref = References.MAP.get("BCDB_" + id);
                Object referent = ref == null ? null : ref.get();
                if (referent instanceof DataBuffer buffer && buffer.originalDataBuffer() == null && !buffer.isAttached()) {
                    buffers++;
                    bytes += buffer.length() * buffer.getElementSize();
                }
            }
        }
    }

    /** Totals so far: {native objects, owning data buffers, their bytes, heap bytes of the measuring thread}. */
    static synchronized long[] totals() {
        return new long[] {objects, buffers, bytes, heapBytes};
    }

    /**
     * What ND4J's native objects still alive hold now: {objects, bytes of the owning data buffers
     * among them}. Call after a garbage collection, or dead objects not yet freed count too.
     */
    public static long[] live() {
        long count = 0;
        long liveBytes = 0;
        for (Reference<?> ref : References.MAP.values().toArray(new Reference<?>[0])) {
            Object referent = ref.get();
            if (referent == null) {
                continue;
            }
            count++;
            if (referent instanceof DataBuffer buffer && buffer.originalDataBuffer() == null && !buffer.isAttached()
                    && !buffer.wasClosed()) {
                liveBytes += buffer.length() * buffer.getElementSize();
            }
        }
        return new long[] {count, liveBytes};
    }

    /** ND4J's id → weak reference map, looked up on first use (so JMH's host JVM never loads ND4J). */
    private static final class References {
        static final Map<String, Reference<?>> MAP = referenceMap();

        @SuppressWarnings("unchecked")
        private static Map<String, Reference<?>> referenceMap() {
            try {
                Field field = DeallocatorService.class.getDeclaredField("referenceMap");
                field.setAccessible(true);
                return (Map<String, Reference<?>>) field.get(Nd4j.getDeallocatorService());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("ND4J's DeallocatorService has no referenceMap field; "
                        + "NativeAllocations needs updating for this ND4J version", e);
            }
        }
    }
}
