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
        MlpSpec spec = mlp.spec();
        boolean classifies = spec.loss().kind().classifies();
        if (classifies != (set.classes() != null)) {
            throw new IllegalArgumentException(spec.loss().kind().registryName() + " needs " + (classifies ? "class indices" : "target rows")
                    + " as targets");
        }
        if (classifies) {
            int classes = Math.max(2, spec.classes());
            for (int label : set.classes()) {
                if (label < 0 || label >= classes) {
                    throw new IllegalArgumentException("class " + label + " of a network with " + classes + " classes");
                }
            }
        }
        data.add(classifies ? DeviceData.upload(ops, set.features(), set.classes(), spec.inputs())
                : DeviceData.upload(ops, set.features(), set.targets(), spec.inputs(), spec.classes()));
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
    public java.util.Map<String, float[]> optimizerState() {
        return mlp.optimizerState();
    }

    @Override
    public void setOptimizerState(java.util.Map<String, float[]> state) {
        mlp.setOptimizerState(state);
    }

    @Override
    public String device() {
        return ops.device();
    }

    @Override
    public void close() {
        trainer.graphs().close();
        ops.close();
    }
}
