package org.neuronkit.cuda13.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.neuronkit.cuda13.api.EpochTotals;
import org.neuronkit.cuda13.api.HostData;
import org.neuronkit.cuda13.api.UpdateRule;

/**
 * The GPU check (the {@code gpu-check} command of the bundle that scripts/gpu-bundle.sh builds):
 * <ol>
 * <li>the GPU, compute capability, driver and CUDA versions (the preflight);</li>
 * <li>512³ sgemm in the three forms a training step uses, against the CPU reference;</li>
 * <li>every kernel against its CPU reference on random data;</li>
 * <li>the committed fixtures (100 steps of each optimizer, recorded with nn-core on the CPU) replayed: every
 * step's risk and the final parameters within 1e-4 relative;</li>
 * <li>timings: W1 and W2 training steps, their raw GEMMs, Fashion-MNIST-shaped epochs;</li>
 * <li>the same fp32 networks in PyTorch, when {@code python3 -c 'import torch'} works and sees a GPU.</li>
 * </ol>
 * Ends with {@code N passed, N failed}; exit status 0 when nothing failed, 1 when a check failed, 2 when
 * there is no usable GPU. Performance goals are printed as "goal … met / NOT met" and not counted.
 *
 * <p>{@code --reference} runs the same program on the CPU reference with small shapes and no timing goals:
 * a dry run of the check's own code for machines without a GPU.
 */
public final class GpuCheck {
    /** How long PyTorch's comparison may take (its three torch.compile warm-ups included). */
    private static final int TORCH_SECONDS = 300;
    private final Ops ops;
    private final CheckLog log;
    private final boolean reference;

    private GpuCheck(Ops ops, CheckLog log, boolean reference) {
        this.ops = ops;
        this.log = log;
        this.reference = reference;
    }

    public static void main(String[] args) {
        boolean reference = args.length > 0 && args[0].equals("--reference");
        CheckLog log = new CheckLog(System.out);
        log.section("1. GPU, driver, CUDA");
        Ops ops;
        try {
            ops = reference ? new ReferenceOps() : CudaOps.open();
        } catch (IllegalStateException | LinkageError e) {
            log.info(e.getMessage());
            log.check("opening the GPU", false, "(the message above says what is missing)");
            System.out.println(log.summary());
            System.exit(2);
            return;
        }
        log.info(ops instanceof CudaOps cuda ? cuda.info().report() : "device: " + ops.device() + " (--reference: a dry run without a GPU)");
        try (ops) {
            new GpuCheck(ops, log, reference).run();
        } catch (RuntimeException e) {
            log.failure("the check stopped", e);
            e.printStackTrace(System.out);
        }
        System.out.println();
        System.out.println(log.summary());
        System.exit(log.failed() == 0 ? 0 : 1);
    }

    private void run() {
        log.section("2. sgemm against the CPU reference");
        KernelChecks kernels = new KernelChecks(ops, log);
        guarded("sgemm", () -> kernels.gemms(reference ? 64 : 512));
        if (!reference) {
            guarded("sgemm timing", this::timeSgemm);
        }
        log.section("3. kernels against the CPU reference (random data)");
        guarded("kernels", kernels::all);
        log.section("4. 100 training steps of every optimizer against nn-core's CPU run (committed fixtures), and a training session against the CPU reference");
        guarded("fixtures", this::fixtures);
        guarded("epochs", this::epochs);
        log.section("5. timings" + (reference ? " (reference: small shapes, no goals)" : ""));
        Map<String, Double> ours = new HashMap<>();
        guarded("timings", () -> timings(ours));
        log.section("6. PyTorch, same fp32 networks");
        guarded("PyTorch", () -> pytorch(ours));
    }

    private void guarded(String what, Runnable part) {
        try {
            part.run();
        } catch (RuntimeException e) {
            log.failure(what, e);
        }
    }

    private void timeSgemm() {
        int n = 512;
        Buffer a = ops.floats((long) n * n);
        Buffer b = ops.floats((long) n * n);
        Buffer c = ops.floats((long) n * n);
        for (int i = 0; i < 10; i++) {
            ops.gemm(false, false, n, n, n, a, b, c);
        }
        ops.synchronize();
        int reps = 200;
        long start = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            ops.gemm(false, false, n, n, n, a, b, c);
        }
        ops.synchronize();
        double seconds = (System.nanoTime() - start) / 1e9;
        log.info(String.format("sgemm 512³: %.1f µs per call, %.0f GFLOP/s", seconds / reps * 1e6, 2.0 * n * n * n * reps / seconds / 1e9));
    }

    /** The committed fixture of every optimizer the engine serves, replayed. */
    private void fixtures() {
        for (UpdateKind kind : UpdateKind.values()) {
            guarded("fixture " + kind.registryName(), () -> fixture(Fixture.committed(kind.registryName())));
        }
    }

    private void fixture(Fixture fixture) {
        log.info("network " + fixture.spec().describe() + ", " + fixture.describeOptimizer() + ", batch " + fixture.batch() + ", "
                + fixture.steps() + " steps");
        float[] parameters = new float[fixture.parameters().length];
        float[] risks = fixture.replay(ops, parameters);
        double worstRisk = 0;
        for (int s = 0; s < fixture.steps(); s++) {
            worstRisk = Math.max(worstRisk, Math.abs(risks[s] - fixture.risks()[s]) / Math.abs(fixture.risks()[s]));
        }
        String name = fixture.optimizer().name();
        log.info(String.format("risk: step 1 %.6f (nn-core %.6f), step %d %.6f (nn-core %.6f)", risks[0], fixture.risks()[0], fixture.steps(),
                risks[fixture.steps() - 1], fixture.risks()[fixture.steps() - 1]));
        log.check(name + ": risk of every step vs nn-core (max relative)", worstRisk, 1e-4);
        log.check(name + ": parameters after " + fixture.steps() + " steps: ‖Δθ‖/‖θ‖", Fixture.relativeDifference(parameters, fixture.parameters()),
                1e-4);
        log.info(String.format("largest single-parameter difference: %.3g relative (|Δθᵢ| / max(|θᵢ|, 1e-3))",
                Fixture.maxRelativeDifference(parameters, fixture.parameters(), 1e-3)));
    }

    /**
     * What a training session runs (data uploaded once, shuffled minibatches gathered on the device, a
     * learning rate per step, validation after each epoch) for 3 epochs on the device and on the CPU reference, with
     * batch norm after the first hidden layer and dropout (the same masks on both) after the second: the same epochs'
     * risks and accuracies and the same final parameters, batch norm's running averages included, within 1e-4.
     */
    private void epochs() {
        Timings data = new Timings(new ReferenceOps());
        MlpSpec spec = new MlpSpec(new int[] {20, 32, 16, 4}, java.util.List.of(HiddenActivation.parse("gelu-tanh"),
                HiddenActivation.parse("leakyrelu(0.01)")), new LossForm(OutputLoss.SOFTMAX_CROSS_ENTROPY, 0,
                HiddenActivation.identity(), new float[] {1, 2, 0.5f, 1}), 1e-5, 1e-4, java.util.List.of(SameWidthLayer.batchNorm(0, 0.1f, 1e-5f),
                SameWidthLayer.dropout(1, 0.2f, 3)));
        UpdateKind.Update momentum = UpdateKind.Update.of(new UpdateRule("nesterov", Map.of("mu", 0.9), spec.weightCount()));
        float[] initial = data.initialParameters(spec);
        java.util.Random random = new java.util.Random(17);
        float[] x = new float[600 * 20];
        int[] y = new int[600];
        for (int r = 0; r < 600; r++) {
            for (int i = 0; i < 20; i++) {
                x[r * 20 + i] = (float) random.nextGaussian();
            }
            y[r] = (x[r * 20] > 0 ? 1 : 0) + (x[r * 20 + 1] > 0 ? 2 : 0);
        }
        HostData train = HostData.ofClasses(java.util.Arrays.copyOf(x, 500 * 20), java.util.Arrays.copyOf(y, 500));
        HostData validation = HostData.ofClasses(java.util.Arrays.copyOfRange(x, 500 * 20, 600 * 20), java.util.Arrays.copyOfRange(y, 500, 600));
        float[] rates = new float[(500 + 31) / 32];
        for (int s = 0; s < rates.length; s++) {
            rates[s] = 0.05f * (s + 1) / rates.length; // a warm-up inside the epoch: one rate per step
        }
        double worst = 0;
        long samples = 0;
        float[][] results = new float[2][];
        EpochTotals[][] totals = new EpochTotals[2][];
        Ops[] both = {ops, new ReferenceOps()};
        for (int k = 0; k < 2; k++) {
            try (Session session = new Session(both[k], new Mlp(both[k], spec, momentum, initial, 32), 32)) {
                int trainSet = session.upload(train);
                int validationSet = session.upload(validation);
                totals[k] = new EpochTotals[6];
                for (int e = 0; e < 3; e++) {
                    totals[k][2 * e] = session.trainEpoch(trainSet, rates, 9 + e);
                    totals[k][2 * e + 1] = session.evaluate(validationSet);
                }
                results[k] = session.parameters();
            }
        }
        for (int i = 0; i < 6; i++) {
            worst = Math.max(worst, Math.abs(totals[0][i].riskSum() - totals[1][i].riskSum()) / Math.abs(totals[1][i].riskSum()));
            samples = Math.max(samples, Math.abs(totals[0][i].correct() - totals[1][i].correct()));
        }
        log.info(String.format("epoch 3: training risk %.5f, validation accuracy %.3f (CPU reference: %.5f, %.3f)", totals[0][4].riskSum() / 500,
                totals[0][5].correct() / 100.0, totals[1][4].riskSum() / 500, totals[1][5].correct() / 100.0));
        String what = "3 epochs of a training session (batch norm, dropout)";
        log.check(what + ": risks vs CPU (max relative)", worst, 1e-4);
        log.check(what + ": accuracies vs CPU", samples <= 1, samples + " samples classified differently at most");
        log.check(what + ": ‖Δθ‖/‖θ‖ vs CPU", Fixture.relativeDifference(results[0], results[1]), 1e-4);
    }

    private void timings(Map<String, Double> ours) {
        Timings timings = new Timings(ops);
        MlpSpec w1 = reference ? Timings.relu(784, 32, 32, 10) : Timings.W1;
        int steps = reference ? 2 : 300;
        int warmup = reference ? 1 : 30;
        for (Object[] w : new Object[][] {{"W1", w1, 256}, {"W2", Timings.W2, 64}}) {
            MlpSpec spec = (MlpSpec) w[1];
            int batch = (Integer) w[2];
            double samples = timings.samplesPerSecond(spec, Timings.SGD, 0.01f, batch, warmup, steps);
            double ceiling = timings.gemmCeiling(spec, batch, warmup, steps);
            double gflops = Timings.stepFlops(spec, batch) * samples / batch / 1e9;
            log.info(String.format("%s %s batch %d, SGD: %,.0f samples/s (%.1f µs per step, %.0f GFLOP/s in its GEMMs); its raw GEMMs alone: "
                    + "%,.0f samples/s, so the step runs at %.0f %% of them", w[0], spec.describe(), batch, samples, batch / samples * 1e6, gflops,
                    ceiling, 100 * samples / ceiling));
            ours.put((String) w[0], samples);
        }
        int rows = reference ? 512 : 60_000;
        double[] seconds = timings.epochSeconds(rows, 128, reference ? 1 : 3);
        double best = java.util.Arrays.stream(seconds).min().orElseThrow();
        log.info(String.format("Fashion-MNIST-shaped epoch (%,d synthetic rows, %s, Adam, batch 128, data on the device): %s s; best %.3f s = %,.0f samples/s",
                rows, Timings.FASHION.describe(), java.util.Arrays.toString(java.util.Arrays.stream(seconds).map(s -> Math.round(s * 1e4) / 1e4).toArray()),
                best, rows / best));
        ours.put("epoch", best);
    }

    private void pytorch(Map<String, Double> ours) {
        Path script = Path.of(System.getProperty("gpucheck.home", "."), "torch_mlp.py");
        if (reference || !Files.exists(script)) {
            log.info(reference ? "skipped in --reference mode" : "skipped: " + script + " not found");
            table(ours, Map.of());
            return;
        }
        String output;
        try {
            Path transcript = Files.createTempFile("torch_mlp", ".log");
            Process process = new ProcessBuilder("python3", script.toString()).redirectErrorStream(true).redirectOutput(transcript.toFile()).start();
            boolean finished = process.waitFor(TORCH_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            output = Files.readString(transcript, StandardCharsets.UTF_8);
            Files.delete(transcript);
            if (!finished || process.exitValue() != 0) {
                log.info("PyTorch not run to the end (python3 " + script + (finished ? " exited with " + process.exitValue() : " stopped after "
                        + TORCH_SECONDS + " s") + "); what it printed:");
            }
        } catch (IOException e) {
            log.info("PyTorch not run: python3 cannot start (" + e.getMessage() + ")");
            output = "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            output = "";
        }
        Map<String, Double> torch = new HashMap<>();
        for (String line : output.split("\n")) {
            log.info("torch: " + line);
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 3 && ours.containsKey(parts[0]) && parts[2].matches("[0-9.]+")) {
                torch.put(parts[0] + " " + parts[1], Double.parseDouble(parts[2]));
            }
        }
        table(ours, torch);
    }

    /** The closing table (NeuronKit beside PyTorch, issue #21's goals); in --reference mode its numbers mean nothing. */
    private void table(Map<String, Double> ours, Map<String, Double> torch) {
        ComparisonTable table = ComparisonTable.of(ours, torch);
        log.info("\n" + table.render());
        if (!reference) {
            table.goals().forEach(log::goal);
        }
    }
}
