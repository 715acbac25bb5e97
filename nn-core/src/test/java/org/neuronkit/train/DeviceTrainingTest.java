package org.neuronkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.data.Minibatches;
import org.neuronkit.diagnostics.GradientDiagnostics;
import org.neuronkit.io.Checkpoint;
import org.neuronkit.loss.ClassWeights;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.LearningRateSchedule;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.optim.Optimizers;
import org.neuronkit.optim.ScheduleUnit;

/**
 * The device SPI: {@link Trainer#fit} with a {@link TrainingDevice} runs the same run as on the CPU. The
 * device is {@link CpuStepsDevice}, which rebuilds the network and optimizer from the {@link DeviceJob}'s
 * records and runs the CPU steps, so a run through it must be bit-identical to a CPU run: a difference
 * means the job lacks something or the trainer did not read the device's state back.
 */
class DeviceTrainingTest {
    private static final DataSet.Split DIGITS = BundledDatasets.digits().split(0.3, 5);

    /** Dropout (random state), class weights, L1 and L2: everything the job must carry. */
    private static Network network() {
        return Network.builder(64).dense(24, Activations.relu()).dropout(0.2)
                .output(10, Losses.softmaxCrossEntropy(ClassWeights.of(1, 2, 1, 1, 0.5, 1, 1, 1, 1, 1.5))).l2(1e-4).l1(1e-5).seed(3).build();
    }

    /** Cosine per step after a warm-up epoch, clipping, the non-finite policy. */
    private static Trainer trainer(Optimizer optimizer) {
        return new Trainer(optimizer, 16, 4, 11).schedule(LearningRateSchedule.cosine()).scheduleUnit(ScheduleUnit.STEP).warmup(1)
                .clipping(GradientClipping.byNorm(5)).onNonFinite(NonFinitePolicy.SKIP);
    }

    private static TrainingListener epochs(List<EpochResult> into) {
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochResult result) {
                into.add(result);
            }
        };
    }

    @Test
    void aRunThroughTheDeviceEqualsTheCpuRun() {
        Network cpu = network();
        List<EpochResult> cpuEpochs = new ArrayList<>();
        TrainingReport cpuReport = trainer(Optimizers.byName("adamw", 0.01)).testSet(DIGITS.test()).addListener(epochs(cpuEpochs))
                .fit(cpu, DIGITS.train(), DIGITS.test());

        Network device = network();
        List<EpochResult> deviceEpochs = new ArrayList<>();
        TrainingReport deviceReport = trainer(Optimizers.byName("adamw", 0.01)).device(TrainingDevices.named("CPU-steps"))
                .testSet(DIGITS.test()).addListener(epochs(deviceEpochs)).fit(device, DIGITS.train(), DIGITS.test());

        assertArrayEquals(cpu.parameters().toFloatVector(), device.parameters().toFloatVector(), 0f, "bit-identical weights");
        assertArrayEquals(cpu.randomState(), device.randomState(), "dropout's counters came back");
        assertEquals(4, deviceEpochs.size());
        for (int e = 0; e < 4; e++) {
            EpochResult c = cpuEpochs.get(e);
            EpochResult d = deviceEpochs.get(e);
            assertEquals(List.of(c.epoch(), c.trainAccuracy(), c.validationAccuracy(), c.learningRate(), c.skippedBatches()),
                    List.of(d.epoch(), d.trainAccuracy(), d.validationAccuracy(), d.learningRate(), d.skippedBatches()), "epoch " + (e + 1));
            // a loss is a native sum over other arrays (their alignment may change its last bits); the weights above are exact
            assertEquals(c.trainLoss(), d.trainLoss(), 1e-9 * c.trainLoss(), "epoch " + (e + 1));
            assertEquals(c.validationLoss(), d.validationLoss(), 1e-9 * c.validationLoss(), "epoch " + (e + 1));
        }
        assertEquals(cpuReport.test().accuracy(), deviceReport.test().accuracy());
        assertEquals(cpuReport.test().risk(), deviceReport.test().risk(), 1e-9 * cpuReport.test().risk());
    }

    @Test
    void earlyStoppingThroughTheDeviceKeepsTheBestEpoch() {
        DataSet noise = TrainerResumeTest.shuffledLabels(DIGITS.test());
        Network cpu = network();
        EarlyStopping cpuStopping = new EarlyStopping(2);
        TrainingReport cpuReport = new Trainer(Optimizers.byName("adam", 0.01), 16, 30, 11).earlyStopping(cpuStopping)
                .fit(cpu, DIGITS.train(), noise);
        Network device = network();
        EarlyStopping deviceStopping = new EarlyStopping(2);
        TrainingReport deviceReport = new Trainer(Optimizers.byName("adam", 0.01), 16, 30, 11).earlyStopping(deviceStopping)
                .device(new CpuStepsDevice()).fit(device, DIGITS.train(), noise);

        assertTrue(deviceReport.last().epoch() < 30, "stopped early");
        assertEquals(cpuStopping.bestEpoch(), deviceStopping.bestEpoch());
        assertEquals(cpuReport.last().epoch(), deviceReport.last().epoch());
        assertEquals(cpu.parameters(), device.parameters(), "the best epoch's weights are back");
    }

    /** Two epochs on the device, a checkpoint, the optimizer rebuilt from it, two more on the device: the CPU's four straight. */
    @Test
    void checkpointedAndResumedThroughTheDeviceEqualsTheCpuRunStraight(@TempDir Path dir) {
        Network straight = network();
        trainer(Optimizers.byName("nesterov", 0.05)).fit(straight, DIGITS.train(), null);

        Network first = network();
        Optimizer optimizer = Optimizers.byName("nesterov", 0.05);
        Path file = dir.resolve("checkpoint.safetensors");
        trainer(optimizer).device(new CpuStepsDevice()).stopAfter(2).addListener(new CheckpointWriter(first, null, optimizer, file, 1))
                .fit(first, DIGITS.train(), null);

        Checkpoint checkpoint = Checkpoint.load(file);
        assertEquals(2, checkpoint.epoch());
        assertEquals(optimizer.schedule(), checkpoint.schedule());
        Optimizer restored = checkpoint.restoreOptimizer();
        Network resumed = checkpoint.network();
        resumed.restoreRandomState(checkpoint.rngState());
        new Trainer(restored, 16, 4, 11).clipping(GradientClipping.byNorm(5)).onNonFinite(NonFinitePolicy.SKIP).startAt(3)
                .device(new CpuStepsDevice()).fit(resumed, DIGITS.train(), null);

        assertArrayEquals(straight.parameters().toFloatVector(), resumed.parameters().toFloatVector(), 0f);
    }

    /** A run that blows up stops with the CPU's message, and the host network holds the last finite parameters, as on the CPU. */
    @Test
    void aNonFiniteStopLeavesTheLastFiniteParametersOnTheHost() {
        Network cpu = network();
        String cpuError = assertThrows(org.neuronkit.NumericalException.class,
                () -> new Trainer(Optimizers.byName("sgd", 1e6), 16, 3, 11).fit(cpu, DIGITS.train(), null)).getMessage();
        Network device = network();
        String deviceError = assertThrows(org.neuronkit.NumericalException.class,
                () -> new Trainer(Optimizers.byName("sgd", 1e6), 16, 3, 11).device(new CpuStepsDevice()).fit(device, DIGITS.train(), null))
                .getMessage();
        assertEquals(cpuError, deviceError);
        assertTrue(Network.isFinite(device.parameters()), "finite parameters kept");
        assertArrayEquals(cpu.parameters().toFloatVector(), device.parameters().toFloatVector(), 0f);
    }

    /** A device that refuses DOUBLE networks, and counts the runs it opens. */
    private static final class FloatOnlyDevice implements TrainingDevice {
        int opened;

        @Override
        public String name() {
            return "float-only";
        }

        @Override
        public String describe() {
            return "a test device";
        }

        @Override
        public void check(DeviceJob job) {
            if (job.dataType() != DataType.FLOAT) {
                throw new ConfigurationException("device float-only trains FLOAT networks, not " + job.dataType());
            }
        }

        @Override
        public DeviceRun open(DeviceJob job) {
            opened++;
            return new CpuStepsDevice().open(job);
        }
    }

    @Test
    void aRefusedJobFailsBeforeAnyWork() {
        FloatOnlyDevice device = new FloatOnlyDevice();
        List<TrainingPlan> started = new ArrayList<>();
        Network network = Network.builder(64).dense(8, Activations.tanh()).output(10, Losses.softmaxCrossEntropy()).dataType(DataType.DOUBLE)
                .build();
        INDArray before = network.parameters().dup();
        Trainer trainer = new Trainer(Optimizers.byName("sgd", 0.1), 16, 2, 1).device(device).addListener(new TrainingListener() {
            @Override
            public void onStart(TrainingPlan plan) {
                started.add(plan);
            }
        });
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> trainer.fit(network, DIGITS.train(), null));
        assertEquals("device float-only trains FLOAT networks, not DOUBLE", e.getMessage());
        assertEquals(List.of(), started, "no listener heard a start");
        assertEquals(0, device.opened, "the device was not opened");
        assertEquals(before, network.parameters());

        Network single = network();
        trainer.fit(single, DIGITS.train(), null);
        assertEquals(1, device.opened, "a FLOAT network is served");
        assertEquals(1, started.size());
    }

    @Test
    void listenersThatNeedStepsAndStreamedBatchesAreRefusedByName() {
        Network network = network();
        ConfigurationException steps = assertThrows(ConfigurationException.class, () -> new Trainer(Optimizers.byName("sgd", 0.1), 16, 2, 1)
                .device(new CpuStepsDevice()).addListener(new GradientDiagnostics(network, 0)).fit(network, DIGITS.train(), null));
        assertEquals("device cpu-steps makes no per-step callbacks, which the listener " + GradientDiagnostics.class.getName()
                + " needs; train on the CPU", steps.getMessage());
        try (Minibatches batches = new Minibatches(DIGITS.train(), 16, 1)) {
            ConfigurationException streamed = assertThrows(ConfigurationException.class,
                    () -> new Trainer(Optimizers.byName("sgd", 0.1), 16, 2, 1).device(new CpuStepsDevice()).fit(network, batches, null));
            assertEquals("device cpu-steps trains on a data set in memory, not on streamed batches; train streamed data on the CPU",
                    streamed.getMessage());
        }
    }

    @Test
    void devicesAreFoundByNameThroughTheServiceLoader() {
        assertEquals(CpuStepsDevice.class, TrainingDevices.named(" Cpu-Steps").getClass());
        assertEquals("no training device 'tpu': known: cpu-steps; without a device, training runs on the CPU",
                assertThrows(ConfigurationException.class, () -> TrainingDevices.named("tpu")).getMessage());
    }

    /** Each region of the job's layout holds exactly the values of that layer's view. */
    @Test
    void theLayoutLocatesEveryParameterView() {
        Network network = Network.builder(5).dense(4, Activations.swishLearnedPerNeuron(1.0)).batchNorm().maxout(3, 2)
                .output(2, Losses.softmaxCrossEntropy()).seed(9).build();
        network.parameters().assign(org.nd4j.linalg.factory.Nd4j.linspace(1, network.parameterCount(), network.parameterCount())
                .castTo(network.dataType()));
        List<DeviceJob.ParameterRegion> layout = DeviceJob.layout(network);
        int views = 0;
        for (int l = 0; l < network.layers().size(); l++) {
            for (Map.Entry<String, INDArray> view : network.layers().get(l).parameterViews().entrySet()) {
                DeviceJob.ParameterRegion region = layout.get(views++);
                assertEquals(List.of(l, view.getKey()), List.of(region.layer(), region.name()));
                INDArray slice = network.parameters().get(NDArrayIndex.interval(region.offset(), region.offset() + region.length()));
                assertArrayEquals(view.getValue().dup('c').reshape(-1).toFloatVector(), slice.toFloatVector(), 0f, l + " " + view.getKey());
                assertEquals(java.util.Arrays.stream(view.getValue().shape()).boxed().toList(), region.shape());
            }
        }
        assertEquals(layout.size(), views);
    }
}
