package org.neuronkit.bench;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Sgd;

import java.util.Locale;

/**
 * Not a benchmark: a check of the machine. One process alternates one second of NeuronKit training
 * steps with one second of the raw GEMMs at the same shapes and prints both rates each time. If both
 * rates move together over time while their ratio stays put, the machine (not the code) is changing
 * speed, and only paired measurements ({@link Rounds}) give stable ratios.
 *
 * <pre>{@code
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.neuronkit.bench.MachineDrift W1 60
 * }</pre>
 * (after {@code source scripts/thread-env.sh}; arguments: workload, number of pairs).
 */
public final class MachineDrift {

    private MachineDrift() {
    }

    public static void main(String[] args) {
        Workload workload = Workload.valueOf(args.length > 0 ? args[0] : "W1");
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        INDArray x = workload.features(7);
        INDArray y = Workload.oneHot(workload.labels(7), workload.classes());
        Network net = NeuronKitMlp.build(workload.sizes(), 42);
        Sgd sgd = new Sgd(TrainStepBenchmark.LEARNING_RATE);
        GemmBenchmark gemm = new GemmBenchmark();
        gemm.workload = workload;
        gemm.allocate();
        Runnable step = () -> {
            net.computeGradient(x, y);
            sgd.step(net.parameters(), net.gradients());
        };
        Runnable products = gemm::trainStep;
        perSecond(step);
        perSecond(products);
        System.out.println("second  train steps/s  raw GEMM rounds/s  ratio");
        for (int i = 1; i <= pairs; i++) {
            double steps = perSecond(step);
            double rounds = perSecond(products);
            System.out.printf(Locale.ROOT, "%6d  %13.1f  %17.1f  %5.2f%n", 2 * i, steps, rounds, steps / rounds);
        }
    }

    /** Runs {@code work} for about one second and returns how many times per second it ran. */
    private static double perSecond(Runnable work) {
        long start = System.nanoTime();
        long end = start + 1_000_000_000L;
        int count = 0;
        long now;
        do {
            work.run();
            count++;
            now = System.nanoTime();
        } while (now < end);
        return count / ((now - start) / 1e9);
    }
}
