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
 * validation, and how many samples the data set held when it was split ({@code rows}; 0 when not
 * recorded: older files, or a run on part of the set), so that an evaluation can tell that the set has
 * changed since and its "test part" would hold training samples. Stored in a model file's metadata as
 * {@code data_split}:
 * {@code {"dataset":"digits","seed":42,"train_fraction":0.8,"validation_fraction":0.1,"rows":1797}}.
 */
public record DataSplit(String dataset, long seed, double trainFraction, double validationFraction, long rows) {
    static final String KEY = "data_split";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public DataSplit {
        if (dataset == null || dataset.isBlank() || !(trainFraction > 0 && trainFraction <= 1)
                || !(validationFraction >= 0 && validationFraction < 1) || rows < 0) {
            throw new ModelFileException("a data split needs a data set, a training share in (0, 1], a validation share in"
                    + " [0, 1) and a row count ≥ 0, got " + dataset + ", " + trainFraction + ", " + validationFraction + ", " + rows);
        }
    }

    /** A split whose data set's size is not recorded. */
    public DataSplit(String dataset, long seed, double trainFraction, double validationFraction) {
        this(dataset, seed, trainFraction, validationFraction, 0);
    }

    /** This split of a data set of {@code rows} samples. */
    public DataSplit withRows(long rows) {
        return new DataSplit(dataset, seed, trainFraction, validationFraction, rows);
    }

    String toJson() {
        com.fasterxml.jackson.databind.node.ObjectNode node = JSON.createObjectNode().put("dataset", dataset).put("seed", seed)
                .put("train_fraction", trainFraction).put("validation_fraction", validationFraction);
        return (rows > 0 ? node.put("rows", rows) : node).toString();
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
                    || !node.path("validation_fraction").isNumber() || node.has("rows") && !node.get("rows").canConvertToLong()) {
                throw new ModelFileException("file " + file + ": metadata '" + KEY + "' is " + json + ", expected {\"dataset\": string,"
                        + " \"seed\": int, \"train_fraction\": number, \"validation_fraction\": number}");
            }
            return new DataSplit(node.get("dataset").textValue(), node.get("seed").longValue(),
                    node.get("train_fraction").doubleValue(), node.get("validation_fraction").doubleValue(), node.path("rows").asLong(0));
        } catch (JsonProcessingException e) {
            throw SafeTensors.notJson(file, "metadata '" + KEY + "'", e);
        } catch (ModelFileException e) {
            throw e.getMessage().startsWith("file ") ? e : new ModelFileException("file " + file + ": " + e.getMessage(), e);
        }
    }
}
