package org.neuronkit.train;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.layer.LayerSpec;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;
import org.neuronkit.optim.Optimizer;

/**
 * The reference {@link TrainingDevice}, registered as {@value #NAME}: it runs each epoch's steps with the
 * CPU {@link Trainer} on a network and optimizer of its own, rebuilt from the {@link DeviceJob}'s records
 * alone, as a GPU device rebuilds them on its side. A run through it ends with the weights of the same
 * run on the CPU, bit for bit, so it tests the device path (the job's contents, the state copied back,
 * everything {@link Trainer#fit} does around a device) on any machine, e.g. {@code train --device cpu-steps};
 * it is never faster than the CPU path.
 */
public final class CpuStepsDevice implements TrainingDevice {
    static final String NAME = "cpu-steps";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "the CPU steps behind the device interface (the reference device)";
    }

    /** Serves every job the CPU serves. */
    @Override
    public void check(DeviceJob job) {
    }

    @Override
    public DeviceRun open(DeviceJob job) {
        NetworkBuilder builder = Network.builder(job.inputSize()).dataType(job.dataType()).l1(job.l1()).l2(job.l2());
        for (LayerSpec spec : job.layers()) {
            builder.add(spec);
        }
        Network network = builder.buildUninitialized(); // every parameter comes from the job
        network.parameters().assign(job.parameters());
        network.restoreRandomState(job.randomState());
        Optimizer optimizer = job.optimizer().create();
        optimizer.setSchedule(job.schedule());
        optimizer.prepare(network.parameters());
        Map<String, INDArray> state = optimizer.state();
        state.forEach((name, array) -> array.assign(job.optimizerState().get(name)));
        return new Run(job, network, optimizer);
    }

    private record Run(DeviceJob job, Network network, Optimizer optimizer) implements DeviceRun {
        @Override
        public DeviceEpoch runEpoch(int epoch, org.neuronkit.optim.RateSchedule schedule) {
            optimizer.setSchedule(schedule);
            double[] first = {Double.NaN};
            long[] samples = {0};
            TrainingReport report = new Trainer(optimizer, job.batchSize(), job.epochs(), job.seed()).clipping(job.clipping())
                    .onNonFinite(job.nonFinitePolicy()).startAt(epoch).stopAfter(epoch).scheduleFromHost()
                    .addListener(new TrainingListener() {
                        @Override
                        public void onStep(int e, int step, double risk, int batchSize) {
                            first[0] = Double.isNaN(first[0]) ? risk : first[0];
                            samples[0] += batchSize;
                        }
                    })
                    .fit(network, job.train(), null);
            EpochResult result = report.last();
            return new DeviceEpoch(result.trainLoss(), result.trainAccuracy(), first[0], samples[0], result.skippedBatches());
        }

        @Override
        public long[] copyBack() {
            job.parameters().assign(network.parameters());
            optimizer.state().forEach((name, array) -> job.optimizerState().get(name).assign(array));
            return network.randomState();
        }

        @Override
        public void close() {
            network.close();
        }
    }
}
