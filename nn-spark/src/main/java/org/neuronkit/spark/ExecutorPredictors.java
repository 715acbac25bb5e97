package org.neuronkit.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.neuronkit.serve.Predictor;

/**
 * One {@link Predictor} per model per JVM: every task an executor runs for a model (and the driver's
 * single-row {@code predict}) shares it, instead of building a network per partition. Keyed by the
 * model's uid and its file's SHA-256, so a refitted model under the same uid gets its own. The
 * {@value #MODELS} most recently used models are kept; an older one is dropped from the cache and
 * left to the garbage collector (not closed: a task may still be scoring with it).
 */
final class ExecutorPredictors {
    static final int MODELS = 4;
    private static final Map<String, Predictor> CACHE = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Predictor> eldest) {
            return size() > MODELS;
        }
    };

    private static long loads;

    private ExecutorPredictors() {
    }

    /** The predictor of {@code key}, loaded from the model-file bytes {@code modelFile} supplies the first time. */
    static synchronized Predictor get(String key, Supplier<byte[]> modelFile) {
        Predictor predictor = CACHE.get(key);
        if (predictor == null) {
            predictor = Predictor.of(ModelBytes.load(modelFile.get()));
            CACHE.put(key, predictor);
            loads++;
        }
        return predictor;
    }

    /** How many model files this JVM has loaded into predictors so far. */
    static synchronized long loads() {
        return loads;
    }
}
