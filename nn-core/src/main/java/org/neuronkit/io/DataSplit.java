package org.neuronkit.io;

import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.neuronkit.ModelFileException;

/**
 * Which samples a model was trained on, recorded in its file so that an evaluation can take the
 * same test part: the data set as named to {@code train}, the seed of its shuffled train/test split,
 * the share of the samples in the training part (the rest is the test part; named data sets with an
 * official test part ignore seed and share), and the share of the training part held out for
 * validation. Stored in a model file's metadata as {@code data_split}:
 * {@code {"dataset":"digits","seed":42,"train_fraction":0.8,"validation_fraction":0.1}}.
 */
public record DataSplit(String dataset, long seed, double trainFraction, double validationFraction) {
    static final String KEY = "data_split";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public DataSplit {
        if (dataset == null || dataset.isBlank() || !(trainFraction > 0 && trainFraction <= 1)
                || !(validationFraction >= 0 && validationFraction < 1)) {
            throw new ModelFileException("a data split needs a data set, a training share in (0, 1] and a validation share in"
                    + " [0, 1), got " + dataset + ", " + trainFraction + ", " + validationFraction);
        }
    }

    String toJson() {
        return JSON.createObjectNode().put("dataset", dataset).put("seed", seed).put("train_fraction", trainFraction)
                .put("validation_fraction", validationFraction).toString();
    }

    /** The split recorded as {@code json} in {@code file}; null when the file records none. */
    static DataSplit fromJson(String json, Path file) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.path("dataset").isTextual() || !node.path("seed").isIntegralNumber()
                    || !node.path("seed").canConvertToLong() || !node.path("train_fraction").isNumber()
                    || !node.path("validation_fraction").isNumber()) {
                throw new ModelFileException("file " + file + ": metadata '" + KEY + "' is " + json + ", expected {\"dataset\": string,"
                        + " \"seed\": int, \"train_fraction\": number, \"validation_fraction\": number}");
            }
            return new DataSplit(node.get("dataset").textValue(), node.get("seed").longValue(),
                    node.get("train_fraction").doubleValue(), node.get("validation_fraction").doubleValue());
        } catch (JsonProcessingException e) {
            throw SafeTensors.notJson(file, "metadata '" + KEY + "'", e);
        } catch (ModelFileException e) {
            throw e.getMessage().startsWith("file ") ? e : new ModelFileException("file " + file + ": " + e.getMessage(), e);
        }
    }
}
