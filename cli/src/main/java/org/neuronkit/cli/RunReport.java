package org.neuronkit.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuronkit.backend.Backend;
import org.neuronkit.network.Network;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.TrainingReport;

/** What {@code report.json} says about a run. */
record RunReport(String dataset, Backend backend, Network network, String optimizer, int batchSize, long seed,
        TrainingReport training) {

    /** The report as ordered JSON fields (snake_case keys). */
    Map<String, Object> toJson() {
        EpochResult last = training.last();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", dataset);
        json.put("backend", backend.name());
        json.put("device", backend.device());
        json.put("epochs", training.epochs().size());
        json.put("test_accuracy", last.validationAccuracy());
        json.put("final_loss", last.trainLoss());
        json.put("test_loss", last.validationLoss());
        json.put("train_seconds", training.trainSeconds());
        json.put("samples_per_second", training.samplesPerSecond());
        json.put("parameters", network.parameterCount());
        json.put("layers", network.layers().stream().map(Object::toString).toList());
        json.put("loss", network.loss().spec());
        json.put("l2", network.l2());
        json.put("optimizer", optimizer);
        json.put("batch_size", batchSize);
        json.put("seed", seed);
        json.put("backend_report", backend.report());
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (EpochResult r : training.epochs()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("epoch", r.epoch());
            e.put("train_loss", r.trainLoss());
            e.put("train_accuracy", r.trainAccuracy());
            e.put("test_loss", r.validationLoss());
            e.put("test_accuracy", r.validationAccuracy());
            e.put("learning_rate", r.learningRate());
            e.put("seconds", r.seconds());
            e.put("samples_per_second", r.samplesPerSecond());
            epochs.add(e);
        }
        json.put("per_epoch", epochs);
        return json;
    }
}
