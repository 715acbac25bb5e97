package org.neuronkit.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.activation.Activations;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;

/**
 * Run by {@link ServingAbuseTest} in a child JVM, because what it checks is that the process
 * survives: {@code rounds} times each, with 8 threads calling at once,
 * <ol>
 * <li>the network under a serving {@link Predictor} is closed (the wrong order);</li>
 * <li>one {@link Network} is shared by the threads without a predictor (it is not thread-safe);</li>
 * <li>the predictor is closed under load.</li>
 * </ol>
 * Every call must return the single-thread result bit for bit or throw an
 * {@link IllegalStateException} (for the shared network, one that names {@code Predictor}); anything
 * else ends the probe with exit status 1. A JVM crash ends it with the JVM's status. Prints
 * {@code abuse rounds N, refused M} when all rounds passed.
 */
public final class ServingAbuseProbe {
    private static final int THREADS = 8;
    private static final AtomicReference<Throwable> FAILURE = new AtomicReference<>();
    private static final AtomicInteger REFUSED = new AtomicInteger();

    public static void main(String[] args) throws InterruptedException {
        int rounds = Integer.parseInt(args[0]);
        INDArray x = Nd4j.rand(DataType.FLOAT, 100, 64);
        INDArray small = Nd4j.rand(DataType.FLOAT, 16, 64);
        for (int round = 0; round < rounds; round++) {
            closeTheNetworkUnderLoad(x);
            closeTheNetworkUnderLeanLoad(small);
            shareOneNetwork(x);
            closeThePredictorUnderLoad(x);
            if (FAILURE.get() != null) {
                FAILURE.get().printStackTrace(System.out);
                System.out.println("abuse failed in round " + (round + 1));
                System.exit(1);
            }
        }
        System.out.println("abuse rounds " + rounds + ", refused " + REFUSED.get());
    }

    /** A network with batch norm (the layer whose buffers the crash was in) and a hidden dense layer. */
    private static Network network() {
        return Network.builder(64).seed(7).dense(96, Activations.relu()).batchNorm().dense(48, Activations.tanh())
                .output(10, Losses.softmaxCrossEntropy()).build();
    }

    private static void closeTheNetworkUnderLoad(INDArray x) throws InterruptedException {
        Network network = network();
        INDArray expected = network.output(x);
        Predictor predictor = Predictor.of(network, null, 2);
        runUnderLoad(() -> check(expected, predictor.output(x)), network::close);
        predictor.close();
    }

    /**
     * The same with small batches, which a predictor serves through its lean plan: that path reads the network's
     * parameter buffer itself, not through the network's methods, and must still hold off the close.
     */
    private static void closeTheNetworkUnderLeanLoad(INDArray x) throws InterruptedException {
        Network network = Network.builder(64).seed(7).dense(96, Activations.relu()).dense(48, Activations.tanh())
                .output(10, Losses.softmaxCrossEntropy()).build();
        Predictor predictor = Predictor.of(network, null, 2);
        if (predictor.leanRefusal() != null || x.rows() > 64) {
            throw new IllegalStateException("this round is meant for the lean path: " + predictor.leanRefusal());
        }
        INDArray expected = predictor.output(x);
        runUnderLoad(() -> check(expected, predictor.output(x)), network::close);
        predictor.close();
    }

    private static void shareOneNetwork(INDArray x) throws InterruptedException {
        try (Network network = network()) {
            INDArray expected = network.output(x);
            runUnderLoad(() -> {
                try {
                    check(expected, network.output(x));
                } catch (IllegalStateException e) {
                    if (!e.getMessage().contains("Predictor")) {
                        throw new AssertionError("the refusal does not name Predictor: " + e.getMessage(), e);
                    }
                    REFUSED.incrementAndGet();
                }
            }, () -> { });
        }
    }

    private static void closeThePredictorUnderLoad(INDArray x) throws InterruptedException {
        try (Network network = network()) {
            INDArray expected = network.output(x);
            Predictor predictor = Predictor.of(network, null, 3);
            runUnderLoad(() -> check(expected, predictor.output(x)), predictor::close);
        }
    }

    private static void check(INDArray expected, INDArray actual) {
        if (!expected.equals(actual)) {
            throw new AssertionError("a call returned other values than one thread alone");
        }
    }

    /**
     * {@link #THREADS} threads repeat {@code call} for about 10 ms, or until it throws an
     * {@link IllegalStateException} once {@code abuse} has run (a refusal after the close is the
     * expected end); {@code abuse} runs on this thread after 3 ms.
     */
    private static void runUnderLoad(Runnable call, Runnable abuse) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(THREADS);
        long end = System.nanoTime() + 10_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                started.countDown();
                try {
                    while (System.nanoTime() < end) {
                        call.run();
                    }
                } catch (IllegalStateException e) {
                    REFUSED.incrementAndGet();
                } catch (Throwable e) {
                    FAILURE.compareAndSet(null, e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        started.await();
        Thread.sleep(3);
        abuse.run();
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
