package org.neuronkit.cuda13.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The GPU check (the {@code gpu-check} command of the bundle that scripts/gpu-bundle.sh builds):
 * <ol>
 * <li>the GPU, compute capability, driver and CUDA versions (the preflight);</li>
 * <li>512³ sgemm in the three forms a training step uses, against the CPU reference;</li>
 * <li>every kernel against its CPU reference on random data;</li>
 * <li>the committed fixture (100 Adam steps recorded with nn-core on the CPU) replayed: every step's risk
 * and the final parameters within 1e-4 relative;</li>
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
        log.section("4. 100 training steps against nn-core's CPU run (committed fixture), and GpuTrainer's path against the CPU reference");
        guarded("fixture", this::fixture);
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

    private void fixture() {
        Fixture fixture = Fixture.committed();
        log.info("network " + fixture.spec().describe() + ", " + fixture.optimizer().describe() + ", batch " + fixture.batch() + ", "
                + fixture.steps() + " steps");
        float[] parameters = new float[fixture.parameters().length];
        float[] risks = fixture.replay(ops, parameters);
        double worstRisk = 0;
        for (int s = 0; s < fixture.steps(); s++) {
            worstRisk = Math.max(worstRisk, Math.abs(risks[s] - fixture.risks()[s]) / Math.abs(fixture.risks()[s]));
        }
        log.info(String.format("risk: step 1 %.6f (nn-core %.6f), step %d %.6f (nn-core %.6f)", risks[0], fixture.risks()[0], fixture.steps(),
                risks[fixture.steps() - 1], fixture.risks()[fixture.steps() - 1]));
        log.check("risk of every step vs nn-core (max relative)", worstRisk, 1e-4);
        log.check("parameters after " + fixture.steps() + " steps: ‖Δθ‖/‖θ‖", Fixture.relativeDifference(parameters, fixture.parameters()), 1e-4);
        log.info(String.format("largest single-parameter difference: %.3g relative (|Δθᵢ| / max(|θᵢ|, 1e-3))",
                Fixture.maxRelativeDifference(parameters, fixture.parameters(), 1e-3)));
    }

    /**
     * What GpuTrainer runs (EngineEntry's training: data uploaded once, shuffled minibatches gathered on the
     * device, validation after each epoch) for 3 epochs on the device and on the CPU reference: the same
     * epochs' risks and accuracies and the same final parameters within 1e-4.
     */
    private void epochs() {
        Timings data = new Timings(new ReferenceOps());
        MlpSpec spec = new MlpSpec(new int[] {20, 32, 16, 4}, java.util.List.of(HiddenActivation.parse("gelu-tanh"),
                HiddenActivation.parse("leakyrelu(0.01)")), 1e-4);
        OptimizerSpec momentum = OptimizerSpec.momentum(0.05, 0.9);
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
        float[] trainX = java.util.Arrays.copyOf(x, 500 * 20);
        float[] validationX = java.util.Arrays.copyOfRange(x, 500 * 20, 600 * 20);
        int[] trainY = java.util.Arrays.copyOf(y, 500);
        int[] validationY = java.util.Arrays.copyOfRange(y, 500, 600);
        java.util.List<double[]> onDevice = new java.util.ArrayList<>();
        java.util.List<double[]> onCpu = new java.util.ArrayList<>();
        float[] deviceResult = EngineEntry.train(ops, spec, momentum, initial.clone(), trainX, trainY, validationX, validationY, 32, 3, 9, onDevice::add);
        float[] cpuResult = EngineEntry.train(new ReferenceOps(), spec, momentum, initial.clone(), trainX, trainY, validationX, validationY, 32, 3, 9,
                onCpu::add);
        double worst = 0;
        long samples = 0;
        for (int e = 0; e < 3; e++) {
            for (int k : new int[] {1, 3}) { // training risk, validation loss
                worst = Math.max(worst, Math.abs(onDevice.get(e)[k] - onCpu.get(e)[k]) / Math.abs(onCpu.get(e)[k]));
            }
            samples = Math.max(samples, Math.round(Math.abs(onDevice.get(e)[2] - onCpu.get(e)[2]) * 500));
            samples = Math.max(samples, Math.round(Math.abs(onDevice.get(e)[4] - onCpu.get(e)[4]) * 100));
        }
        log.info(String.format("epoch 3: training risk %.5f, validation accuracy %.3f (CPU reference: %.5f, %.3f)", onDevice.get(2)[1],
                onDevice.get(2)[4], onCpu.get(2)[1], onCpu.get(2)[4]));
        log.check("3 epochs of GpuTrainer's path: risks vs CPU (max relative)", worst, 1e-4);
        log.check("3 epochs of GpuTrainer's path: accuracies vs CPU", samples <= 1, samples + " samples classified differently at most");
        log.check("3 epochs of GpuTrainer's path: ‖Δθ‖/‖θ‖ vs CPU", Fixture.relativeDifference(deviceResult, cpuResult), 1e-4);
    }

    private void timings(Map<String, Double> ours) {
        Timings timings = new Timings(ops);
        MlpSpec w1 = reference ? Timings.relu(784, 32, 32, 10) : Timings.W1;
        int steps = reference ? 2 : 300;
        int warmup = reference ? 1 : 30;
        OptimizerSpec sgd = OptimizerSpec.sgd(0.01);
        for (Object[] w : new Object[][] {{"W1", w1, 256}, {"W2", Timings.W2, 64}}) {
            MlpSpec spec = (MlpSpec) w[1];
            int batch = (Integer) w[2];
            double samples = timings.samplesPerSecond(spec, sgd, batch, warmup, steps);
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
        if (!reference) {
            log.goal("W1 ≥ 1,000,000 samples/s", ours.get("W1") >= 1_000_000);
            log.goal("Fashion-MNIST epoch ≤ 0.2 s", best <= 0.2);
        }
    }

    private void pytorch(Map<String, Double> ours) {
        Path script = Path.of(System.getProperty("gpucheck.home", "."), "torch_mlp.py");
        if (reference || !Files.exists(script)) {
            log.info(reference ? "skipped in --reference mode" : "skipped: " + script + " not found");
            return;
        }
        String output;
        try {
            Path transcript = Files.createTempFile("torch_mlp", ".log");
            Process process = new ProcessBuilder("python3", script.toString()).redirectErrorStream(true).redirectOutput(transcript.toFile()).start();
            boolean finished = process.waitFor(240, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            output = Files.readString(transcript, StandardCharsets.UTF_8);
            Files.delete(transcript);
            if (!finished || process.exitValue() != 0) {
                log.info("PyTorch not run to the end (python3 " + script + (finished ? " exited with " + process.exitValue() : " stopped after 240 s")
                        + "):\n" + output.strip());
                return;
            }
        } catch (IOException e) {
            log.info("PyTorch not run: python3 cannot start (" + e.getMessage() + ")");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Map<String, Double> torch = new HashMap<>();
        for (String line : output.split("\n")) {
            log.info("torch: " + line);
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && ours.containsKey(parts[0])) {
                torch.put(parts[0], Double.parseDouble(parts[1]));
            }
        }
        for (String w : new String[] {"W1", "W2"}) {
            if (torch.containsKey(w) && ours.containsKey(w)) {
                log.info(String.format("%s: NeuronKit %,.0f samples/s, PyTorch %,.0f samples/s, ratio %.2f", w, ours.get(w), torch.get(w),
                        ours.get(w) / torch.get(w)));
                log.goal(w + " samples/s ≥ PyTorch's", ours.get(w) >= torch.get(w));
            }
        }
        if (torch.containsKey("epoch") && ours.containsKey("epoch")) {
            log.info(String.format("epoch: NeuronKit %.3f s, PyTorch %.3f s, ratio %.2f", ours.get("epoch"), torch.get("epoch"),
                    torch.get("epoch") / ours.get("epoch")));
            log.goal("Fashion-MNIST epoch at least as fast as PyTorch's", ours.get("epoch") <= torch.get("epoch"));
        }
    }
}
