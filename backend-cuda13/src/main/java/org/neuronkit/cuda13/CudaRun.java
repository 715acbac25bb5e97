package org.neuronkit.cuda13;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.NumericalException;
import org.neuronkit.cuda13.api.EpochTotals;
import org.neuronkit.cuda13.api.HostData;
import org.neuronkit.cuda13.api.TrainingSession;
import org.neuronkit.data.DataSet;
import org.neuronkit.optim.RateSchedule;
import org.neuronkit.train.DeviceEpoch;
import org.neuronkit.train.DeviceJob;
import org.neuronkit.train.DeviceRun;

/**
 * One run of a {@link DeviceJob} on the engine: the training data uploaded once, then each epoch one call
 * ({@link TrainingSession#trainEpoch}) with the epoch's learning rate for every step from the host's
 * {@link RateSchedule#rate} at the epoch's start (warm-up, per-step and plateau schedules included) and the shuffle seed
 * drawn from the job's seed and the epoch, so a resumed run draws the same batches.
 */
final class CudaRun implements DeviceRun {
    private final DeviceJob job;
    private final JobPlan plan;
    private final TrainingSession session;
    private final int train;
    private final boolean classifies;

    CudaRun(DeviceJob job, JobPlan plan, TrainingSession session) {
        this.job = job;
        this.plan = plan;
        this.session = session;
        try {
            classifies = job.train().isClassification() && job.loss().create().classifies();
            train = session.upload(hostData(job.train(), classifies));
            session.setOptimizerState(hostState(job.optimizerState()));
        } catch (RuntimeException e) {
            session.close();
            throw e instanceof IllegalArgumentException ? new ConfigurationException(e.getMessage()) : e;
        }
    }

    /** The data as the engine takes it: class indices for the cross-entropies, target rows for the others. */
    private static HostData hostData(DataSet data, boolean classifies) {
        float[] features = data.features().castTo(DataType.FLOAT).dup('c').data().asFloat();
        return classifies ? HostData.ofClasses(features, data.labels())
                : HostData.ofTargets(features, data.targets().castTo(DataType.FLOAT).dup('c').data().asFloat(), (int) data.targets().columns());
    }

    /** The host optimizer's state arrays as flat floats, by name. */
    private static Map<String, float[]> hostState(Map<String, INDArray> state) {
        Map<String, float[]> flat = new HashMap<>();
        state.forEach((name, array) -> flat.put(name, array.castTo(DataType.FLOAT).dup('c').data().asFloat()));
        return flat;
    }

    @Override
    public DeviceEpoch runEpoch(int epoch, RateSchedule schedule) {
        float[] rates = new float[job.stepsPerEpoch()];
        for (int s = 0; s < rates.length; s++) {
            rates[s] = (float) schedule.rate(job.optimizer().lr(), epoch, s + 1, job.stepsPerEpoch(), job.epochs());
        }
        EpochTotals totals = session.trainEpoch(train, rates, job.seed() * 1_000_003L + epoch);
        if (totals.badStep() != 0) {
            int step = (epoch - 1) * job.stepsPerEpoch() + totals.badStep();
            throw new NumericalException("training stopped at epoch " + epoch + ", step " + step + ": the loss or the gradient is not finite"
                    + " on the GPU. The parameters keep their values from before this step (try a smaller learning rate).");
        }
        return new DeviceEpoch(totals.riskSum() / totals.rows(), classifies ? (double) totals.correct() / totals.rows() : Double.NaN,
                totals.firstRisk(), totals.rows(), 0);
    }

    @Override
    public long[] copyBack() {
        plan.fromEngine(session.parameters(), job);
        Map<String, float[]> state = session.optimizerState();
        job.optimizerState().forEach((name, array) -> {
            float[] values = state.get(name);
            if (values == null || values.length != array.length()) {
                throw new IllegalStateException("the engine's optimizer state has no '" + name + "' of " + array.length() + " values");
            }
            array.assign(Nd4j.create(values, array.shape(), 'c').castTo(array.dataType()));
        });
        return job.randomState();
    }

    @Override
    public void close() {
        session.close();
    }
}
