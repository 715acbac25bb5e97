package org.neuronkit.serve;

import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The {@link Replica}s of a {@link Predictor}, lent out one per call. At most {@code concurrency}
 * calls hold one at a time (further callers wait for a permit), and at most twice as many replicas
 * are ever made. Idle replicas are kept by the batch size they last ran, so that a thread
 * alternating single rows with batches of 32 finds replicas whose buffers and prepared ops already
 * fit; when none fits and no more may be made, an idle one of another size is taken and resized.
 * Lock-free on the way in and out: a semaphore permit and a concurrent queue.
 */
final class ReplicaPool {
    private final Semaphore permits;
    private final int concurrency;
    private final int maxReplicas;
    private final Supplier<Replica> factory;
    private final AtomicInteger made = new AtomicInteger();
    private final ConcurrentHashMap<Long, Queue<Replica>> idle = new ConcurrentHashMap<>();
    private final Queue<Replica> all = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    ReplicaPool(int concurrency, Supplier<Replica> factory) {
        this.concurrency = concurrency;
        this.maxReplicas = 2 * concurrency;
        this.permits = new Semaphore(concurrency);
        this.factory = factory;
    }

    /** A replica for a batch of {@code rows}, waiting while {@code concurrency} calls run; null once closed. */
    Replica acquire(long rows) {
        permits.acquireUninterruptibly();
        if (closed) {
            permits.release();
            return null;
        }
        try {
            Replica replica = queue(rows).poll();
            while (replica == null) {
                replica = make();
                if (replica == null) {
                    replica = anyIdle();
                }
            }
            return replica;
        } catch (RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }

    /** Gives a replica back after its call. */
    void release(Replica replica) {
        queue(replica.rows()).offer(replica);
        permits.release();
    }

    /**
     * Waits for the calls in flight to end, then releases every replica; callers waiting for a
     * permit then get null from {@link #acquire}.
     */
    void close() {
        closed = true;
        permits.acquireUninterruptibly(concurrency);
        for (Replica replica : all) {
            replica.close();
        }
        all.clear();
        idle.clear();
        permits.release(concurrency);
    }

    private Replica make() {
        int n = made.get();
        while (n < maxReplicas) {
            if (made.compareAndSet(n, n + 1)) {
                Replica replica = factory.get();
                all.add(replica);
                return replica;
            }
            n = made.get();
        }
        return null;
    }

    /**
     * An idle replica of any batch size. One exists: this caller holds a permit but no replica, so
     * fewer than {@code concurrency} replicas are lent out, of at least that many made; the loop in
     * {@link #acquire} retries while a release is between two queues.
     */
    private Replica anyIdle() {
        for (Queue<Replica> queue : idle.values()) {
            Replica replica = queue.poll();
            if (replica != null) {
                return replica;
            }
        }
        Thread.onSpinWait();
        return null;
    }

    private Queue<Replica> queue(long rows) {
        Queue<Replica> queue = idle.get(rows);
        return queue != null ? queue : idle.computeIfAbsent(rows, r -> new ConcurrentLinkedQueue<>());
    }
}
