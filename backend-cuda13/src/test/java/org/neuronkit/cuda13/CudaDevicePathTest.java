package org.neuronkit.cuda13;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.NumericalException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.DataSet;
import org.neuronkit.io.Checkpoint;
import org.neuronkit.loss.Loss;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.LearningRateSchedule;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.optim.Optimizers;
import org.neuronkit.optim.ScheduleUnit;
import org.neuronkit.train.CheckpointWriter;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.GradientClipping;
import org.neuronkit.train.Trainer;
import org.neuronkit.train.TrainingListener;
import org.neuronkit.train.TrainingPlan;
import org.neuronkit.train.TrainingReport;

/**
 * {@code Trainer.fit} with the cuda device, the engine switched to its CPU reference
 * ({@code -Dneuronkit.cuda13.device=reference}) so that the whole path runs without a GPU: the engine in its own
 * class loader, the job's records and buffers, every epoch's rates, the parameters and the optimizer state back
 * in the host's network and optimizer. With one batch per epoch the order of the rows does not matter, so the
 * device must then give the CPU's run itself.
 */
class CudaDevicePathTest {
    private static final int ROWS = 120;

    @BeforeEach
    void referenceEngine() {
        System.setProperty("neuronkit.cuda13.device", "reference");
    }

    @AfterEach
    void gpuEngine() {
        System.clearProperty("neuronkit.cuda13.device");
    }

    /** Three Gaussian blobs in 4 dimensions. */
    private static DataSet blobs(int rows, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[rows][4];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            y[r] = random.nextInt(3);
            for (int i = 0; i < 4; i++) {
                x[r][i] = random.nextGaussian() * 0.6 + (i == y[r] ? 2 : 0);
            }
        }
        return DataSet.ofClasses(x, y, 3);
    }

    /** Two smooth regression targets of the blobs' features. */
    private static DataSet regression(DataSet blobs) {
        INDArray x = blobs.features().castTo(DataType.FLOAT);
        INDArray y = Nd4j.create(DataType.FLOAT, x.rows(), 2);
        for (int r = 0; r < x.rows(); r++) {
            y.putScalar(r, 0, Math.sin(x.getDouble(r, 0)) * 0.8);
            y.putScalar(r, 1, 0.3 * x.getDouble(r, 1) - 0.2 * x.getDouble(r, 2));
        }
        return DataSet.ofTargets(x, y);
    }

    private static Network network(Loss loss, int outputs) {
        return Network.builder(4).dense(16, Activations.relu()).dense(8, Activations.geluTanh()).output(outputs, loss).l1(1e-4).l2(1e-3).seed(3)
                .dataType(DataType.FLOAT).build();
    }

    /** A trainer with a per-step cosine schedule after a warm-up, and clipping by value and by norm. */
    private static Trainer trainer(Optimizer optimizer, int epochs) {
        return new Trainer(optimizer, ROWS, epochs, 5).schedule(LearningRateSchedule.parse("cosine")).scheduleUnit(ScheduleUnit.STEP).warmup(1)
                .clipping(GradientClipping.byValue(0.5).andNorm(1.0));
    }

    private static double relativeDifference(INDArray a, INDArray b) {
        return a.sub(b).norm2Number().doubleValue() / b.norm2Number().doubleValue();
    }

    private static void assertSameRun(TrainingReport cpu, Network onCpu, TrainingReport device, Network onDevice, String what) {
        assertEquals(cpu.epochs().size(), device.epochs().size(), what);
        for (int e = 0; e < cpu.epochs().size(); e++) {
            EpochResult c = cpu.epochs().get(e);
            EpochResult d = device.epochs().get(e);
            assertEquals(c.trainLoss(), d.trainLoss(), 1e-4 * Math.abs(c.trainLoss()), what + ": training risk of epoch " + (e + 1));
            assertEquals(c.learningRate(), d.learningRate(), 1e-12, what + ": learning rate of epoch " + (e + 1));
            if (!Double.isNaN(c.trainAccuracy())) {
                assertEquals(c.trainAccuracy(), d.trainAccuracy(), 1.5 / ROWS, what + ": training accuracy of epoch " + (e + 1));
            }
        }
        double difference = relativeDifference(onDevice.parameters(), onCpu.parameters());
        assertTrue(difference < 1e-4, what + ": ‖θ_device − θ_cpu‖ / ‖θ_cpu‖ = " + difference);
    }

    /**
     * Batch norm after both hidden layers: the device's epochs (batch statistics in training, running averages for the
     * validation set) give the CPU's risks, and the parameters with γ, β and the running averages back in the
     * network are the CPU's within 1e-4.
     */
    @Test
    void batchNormOnTheDeviceGivesTheCpusRunAndItsRunningAveragesComeBack() {
        DataSet train = blobs(ROWS, 1);
        DataSet validation = blobs(40, 2);
        java.util.function.Supplier<Network> build = () -> Network.builder(4).dense(16, Activations.relu()).batchNorm().dense(8, Activations.tanh())
                .batchNorm().output(3, Losses.softmaxCrossEntropy()).l2(1e-3).seed(3).dataType(DataType.FLOAT).build();
        Network onCpu = build.get();
        Network onDevice = build.get();
        TrainingReport cpu = trainer(Optimizers.byName("adam", 0.02), 5).fit(onCpu, train, validation);
        TrainingReport device = trainer(Optimizers.byName("adam", 0.02), 5).device(new CudaDevice()).fit(onDevice, train, validation);
        assertSameRun(cpu, onCpu, device, onDevice, "batch norm");
        for (int e = 0; e < cpu.epochs().size(); e++) {
            assertEquals(cpu.epochs().get(e).validationLoss(), device.epochs().get(e).validationLoss(), 1e-4 * cpu.epochs().get(e).validationLoss(),
                    "validation risk (running averages) of epoch " + (e + 1));
        }
        org.neuronkit.layer.BatchNorm norm = (org.neuronkit.layer.BatchNorm) onDevice.layers().get(1);
        org.neuronkit.layer.BatchNorm cpuNorm = (org.neuronkit.layer.BatchNorm) onCpu.layers().get(1);
        assertTrue(relativeDifference(norm.runningVariance(), cpuNorm.runningVariance()) < 1e-4, "running variances back from the device");
        assertTrue(norm.runningMean().norm2Number().doubleValue() > 0.1, "the running mean moved from 0");
    }

    /** Dropout trains on the device (its own masks) and is the identity on the validation set: the risk goes down. */
    @Test
    void dropoutTrainsOnTheDevice() {
        DataSet train = blobs(ROWS, 1);
        Network network = Network.builder(4).dense(32, Activations.relu()).dropout(0.3).output(3, Losses.softmaxCrossEntropy()).seed(3)
                .dataType(DataType.FLOAT).build();
        TrainingReport report = new Trainer(Optimizers.byName("adam", 0.02), 30, 8, 5).device(new CudaDevice()).fit(network, train, train);
        List<EpochResult> epochs = report.epochs();
        assertTrue(epochs.get(epochs.size() - 1).validationLoss() < 0.6 * epochs.get(0).validationLoss(), "validation risk " + epochs);
        assertTrue(epochs.get(epochs.size() - 1).validationAccuracy() > 0.9, "accuracy " + epochs);
    }

    @Test
    void everyOptimizerOnTheDeviceGivesTheCpusRunWithScheduleWarmUpClippingL1L2AndClassWeights() {
        DataSet train = blobs(ROWS, 1);
        for (String name : Optimizers.REGISTRY.names()) {
            Loss loss = Losses.parse("softmax-cross-entropy(1,2,0.5)");
            Network onCpu = network(loss, 3);
            Network onDevice = network(loss, 3);
            TrainingReport cpu = trainer(Optimizers.byName(name, 0.05), 6).fit(onCpu, train, null);
            TrainingReport device = trainer(Optimizers.byName(name, 0.05), 6).device(new CudaDevice()).fit(onDevice, train, null);
            assertSameRun(cpu, onCpu, device, onDevice, name);
        }
    }

    @Test
    void everyLossOnTheDeviceGivesTheCpusRun() {
        DataSet blobs = blobs(ROWS, 2);
        DataSet targets = regression(blobs);
        for (String spec : List.of("logistic-cross-entropy(1,2,1)", "squared-error(tanh)", "huber(0.3)", "mae")) {
            Loss loss = Losses.parse(spec);
            DataSet train = loss.classifies() ? blobs : targets;
            int outputs = loss.classifies() ? 3 : 2;
            Network onCpu = network(loss, outputs);
            Network onDevice = network(loss, outputs);
            TrainingReport cpu = trainer(Optimizers.byName("adam", 0.02), 5).fit(onCpu, train, null);
            TrainingReport device = trainer(Optimizers.byName("adam", 0.02), 5).device(new CudaDevice()).fit(onDevice, train, null);
            assertSameRun(cpu, onCpu, device, onDevice, spec);
        }
    }

    @Test
    void minibatchesListenersAndTheValidationSetGoThroughTheTrainer() {
        Network network = network(Losses.softmaxCrossEntropy(), 3);
        DataSet train = blobs(300, 1);
        DataSet validation = blobs(100, 2);
        List<String> heard = new ArrayList<>();
        TrainingReport report = new Trainer(Optimizers.byName("adam", 0.01), 32, 8, 5).device(new CudaDevice()).addListener(new TrainingListener() {
            @Override
            public void onStart(TrainingPlan plan) {
                heard.add("start " + plan);
            }

            @Override
            public void onEpoch(EpochResult result) {
                heard.add("epoch " + result.epoch());
            }

            @Override
            public void onEnd(TrainingReport report) {
                heard.add("end " + report.epochs().size());
            }
        }).fit(network, train, validation);
        assertEquals(List.of("start TrainingPlan[firstEpoch=1, lastEpoch=8, batchesPerEpoch=10, trainingSamples=300]", "epoch 1", "epoch 2",
                "epoch 3", "epoch 4", "epoch 5", "epoch 6", "epoch 7", "epoch 8", "end 8"), heard);
        EpochResult first = report.epochs().get(0);
        EpochResult last = report.last();
        assertTrue(last.trainLoss() < 0.5 * first.trainLoss(), "training risk " + first.trainLoss() + " → " + last.trainLoss());
        // the trainer evaluates the validation set with nn-core, on the parameters the device copied back
        assertTrue(last.validationAccuracy() > 0.9, "validation accuracy " + last.validationAccuracy());
        assertEquals(last.validationLoss(), network.risk(validation.features().castTo(DataType.FLOAT), validation.targets().castTo(DataType.FLOAT)),
                1e-6);
    }

    @Test
    void aCheckpointedRunResumesToTheStraightRunsParameters(@TempDir Path dir) {
        DataSet train = blobs(200, 3);
        Network straight = network(Losses.softmaxCrossEntropy(), 3);
        new Trainer(Optimizers.byName("adamw", 0.01), 32, 4, 7).device(new CudaDevice()).fit(straight, train, null);

        Network first = network(Losses.softmaxCrossEntropy(), 3);
        Optimizer optimizer = Optimizers.byName("adamw", 0.01);
        Path file = dir.resolve("checkpoint");
        new Trainer(optimizer, 32, 4, 7).device(new CudaDevice()).stopAfter(2)
                .addListener(new CheckpointWriter(first, null, optimizer, file, 1)).fit(first, train, null);
        Checkpoint checkpoint = Checkpoint.load(file);
        assertEquals(2, checkpoint.epoch());
        Network resumed = checkpoint.network();
        new Trainer(checkpoint.restoreOptimizer(), 32, 4, 7).device(new CudaDevice()).startAt(3).fit(resumed, train, null);
        double difference = relativeDifference(resumed.parameters(), straight.parameters());
        assertTrue(difference < 1e-6, "‖θ_resumed − θ_straight‖ / ‖θ_straight‖ = " + difference);
    }

    @Test
    void aDivergingRunStopsNamingTheStepAndKeepsFiniteParameters() {
        Network network = network(Losses.softmaxCrossEntropy(), 3);
        NumericalException e = assertThrows(NumericalException.class,
                () -> new Trainer(Optimizers.byName("sgd", 1e30), 30, 3, 1).device(new CudaDevice()).fit(network, blobs(90, 4), null));
        assertTrue(e.getMessage().matches("training stopped at epoch 1, step \\d: the loss or the gradient is not finite on the GPU\\. .*"),
                e.getMessage());
        // each value, not a norm: after one step at α = 1e30 the parameters are finite but their squares overflow
        assertTrue(java.util.Arrays.stream(network.parameters().toDoubleVector()).allMatch(Double::isFinite),
                "the parameters from before the bad step, copied back, are finite");
    }
}
