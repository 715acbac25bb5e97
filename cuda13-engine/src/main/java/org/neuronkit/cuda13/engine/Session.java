package org.neuronkit.cuda13.engine;

import java.util.ArrayList;
import java.util.List;
import org.neuronkit.cuda13.api.EpochTotals;
import org.neuronkit.cuda13.api.HostData;
import org.neuronkit.cuda13.api.TrainingSession;

/** A {@link TrainingSession} on an {@link Ops}: the network, its optimizer state and the uploaded data sets. */
final class Session implements TrainingSession {
    private final Ops ops;
    private final Mlp mlp;
    private final EpochTrainer trainer;
    private final List<DeviceData> data = new ArrayList<>();

    Session(Ops ops, Mlp mlp, int batchSize) {
        this.ops = ops;
        this.mlp = mlp;
        this.trainer = new EpochTrainer(ops, mlp, batchSize);
    }

    @Override
    public int upload(HostData set) {
        for (int label : set.classes()) {
            if (label < 0 || label >= mlp.spec().classes()) {
                throw new IllegalArgumentException("class " + label + " of a network with " + mlp.spec().classes() + " outputs");
            }
        }
        data.add(DeviceData.upload(ops, set.features(), set.classes(), mlp.spec().inputs()));
        return data.size() - 1;
    }

    private DeviceData set(int handle) {
        if (handle < 0 || handle >= data.size()) {
            throw new IllegalArgumentException("no uploaded data set " + handle + " (" + data.size() + " uploaded)");
        }
        return data.get(handle);
    }

    @Override
    public EpochTotals trainEpoch(int handle, float[] stepRates, long shuffleSeed) {
        return trainer.epoch(set(handle), stepRates, shuffleSeed);
    }

    @Override
    public EpochTotals evaluate(int handle) {
        return trainer.evaluate(set(handle));
    }

    @Override
    public float[] parameters() {
        return mlp.parameters();
    }

    @Override
    public void setParameters(float[] values) {
        mlp.setParameters(values);
    }

    @Override
    public String device() {
        return ops.device();
    }

    @Override
    public void close() {
        ops.close();
    }
}
