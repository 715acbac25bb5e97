package org.neuronkit.spark;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.Identifiable;

/**
 * The column params that every estimator and fitted model here share: {@code featuresCol} (a vector or
 * an array of doubles or floats per row) and {@code predictionCol}, with their getters and setters;
 * {@code S} is the implementing class, which the setters return.
 */
interface ScoringParams<S extends ScoringParams<S>> extends Params {

    /** The features column: {@code org.apache.spark.ml.linalg.Vector} or array&lt;double|float&gt;; default "features". */
    Param<String> featuresCol();

    /** The output column of the prediction (double), default "prediction". */
    Param<String> predictionCol();

    default String getFeaturesCol() {
        return getOrDefault(featuresCol());
    }

    default String getPredictionCol() {
        return getOrDefault(predictionCol());
    }

    default S setFeaturesCol(String value) {
        return with(featuresCol(), value);
    }

    default S setPredictionCol(String value) {
        return with(predictionCol(), value);
    }

    /** Sets {@code param} and returns this, as the implementing class. */
    @SuppressWarnings("unchecked")
    default <T> S with(Param<T> param, T value) {
        set(param, value);
        return (S) this;
    }

    static Param<String> featuresCol(Identifiable owner) {
        return new Param<>(owner, "featuresCol", "features column: a vector or an array of double or float per row");
    }

    static Param<String> predictionCol(Identifiable owner) {
        return new Param<>(owner, "predictionCol", "output column of the prediction: the class index, or the value (double)");
    }

    static Param<String> probabilityCol(Identifiable owner) {
        return new Param<>(owner, "probabilityCol", "output column of the class probabilities (vector)");
    }

    /** Sets the two columns' defaults on {@code params}. */
    static void setDefaults(ScoringParams<?> params) {
        params.setDefault(params.featuresCol(), "features");
        params.setDefault(params.predictionCol(), "prediction");
    }
}
