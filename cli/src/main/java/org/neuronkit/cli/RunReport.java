package org.neuronkit.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuronkit.backend.Backend;
import org.neuronkit.eval.ConfusionMatrix;
import org.neuronkit.eval.RegressionErrors;
import org.neuronkit.network.Network;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.Evaluation;

/**
 * What {@code report.json} says about a finished run: settings, the network, every epoch, and the
 * final evaluation on the test set: loss, and for a classifier accuracy, per-class precision/recall/F1
 * and the confusion matrix, for a regression RMSE, MAE and R² ({@link RegressionErrors}).
 *
 * @param epochs every epoch of the run, including those before a resume
 * @param bestEpoch the epoch whose weights the model holds (the last one unless early stopping)
 * @param confusion the classifier's test confusion matrix (null for a regression)
 * @param classNames the class names, or a regression's target names
 * @param regression the regression's test errors (null for a classifier)
 * @param warnings what makes the result doubtful although the run finished (e.g. it ended worse than it
 *     started, see {@link org.neuronkit.train.DivergencePolicy}); empty for a sound run
 */
record RunReport(TrainSettings settings, Backend backend, Network network, String optimizer, List<EpochResult> epochs,
        int bestEpoch, boolean stoppedEarly, Evaluation test, ConfusionMatrix confusion, List<String> classNames,
        RegressionErrors regression, List<String> warnings) {

    double trainSeconds() {
        return epochs.stream().mapToDouble(EpochResult::seconds).sum();
    }

    double samplesPerSecond() {
        double samples = epochs.stream().mapToDouble(r -> r.seconds() * r.samplesPerSecond()).sum();
        return trainSeconds() > 0 ? samples / trainSeconds() : 0;
    }

    /** The report as ordered JSON fields (snake_case keys). */
    Map<String, Object> toJson() {
        EpochResult last = epochs.get(epochs.size() - 1);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", settings.data().dataset());
        json.put("backend", backend.name());
        json.put("device", backend.device());
        json.put("epochs", epochs.size());
        json.put("best_epoch", bestEpoch);
        json.put("stopped_early", stoppedEarly);
        json.put("warnings", warnings);
        if (regression == null) {
            json.put("test_accuracy", test.accuracy());
        } else {
            json.put("task", "regression");
            json.put("targets", classNames);
            json.put("test_rmse", regression.rmse());
            json.put("test_mae", regression.mae());
            json.put("test_r2", regression.r2());
        }
        json.put("test_loss", test.risk());
        json.put("final_loss", last.trainLoss());
        json.put("train_seconds", trainSeconds());
        json.put("samples_per_second", samplesPerSecond());
        json.put("parameters", network.parameterCount());
        json.put("layers", network.layers().stream().map(Object::toString).toList());
        json.put("loss", network.loss().spec());
        json.put("l2", network.l2());
        json.put("optimizer", optimizer);
        json.put("batch_size", settings.optimization().batchSize());
        json.put("seed", settings.optimization().seed());
        json.put("settings", settings);
        if (confusion != null) {
            putClassification(json);
        }
        json.put("backend_report", backend.report());
        List<Map<String, Object>> perEpoch = new ArrayList<>();
        for (EpochResult r : epochs) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("epoch", r.epoch());
            e.put("train_loss", r.trainLoss());
            e.put("train_accuracy", r.trainAccuracy());
            e.put("validation_loss", r.validationLoss());
            e.put("validation_accuracy", r.validationAccuracy());
            e.put("learning_rate", r.learningRate());
            e.put("seconds", r.seconds());
            e.put("samples_per_second", r.samplesPerSecond());
            perEpoch.add(e);
        }
        json.put("per_epoch", perEpoch);
        return json;
    }

    /** The classifier's test results: macro F1, per-class precision/recall/F1 and the confusion matrix. */
    private void putClassification(Map<String, Object> json) {
        json.put("macro_f1", confusion.macroF1());
        List<Map<String, Object>> classes = new ArrayList<>();
        for (int c = 0; c < confusion.numClasses(); c++) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("class", c);
            k.put("name", classNames.get(c));
            k.put("precision", confusion.precision(c));
            k.put("recall", confusion.recall(c));
            k.put("f1", confusion.f1(c));
            k.put("support", confusion.support(c));
            classes.add(k);
        }
        json.put("per_class", classes);
        json.put("confusion_matrix", confusion.confusionMatrix());
    }
}
