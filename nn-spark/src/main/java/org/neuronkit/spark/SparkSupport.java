package org.neuronkit.spark;

import java.util.List;
import org.neuronkit.layer.DenseSpec;
import org.neuronkit.layer.Layers;
import org.neuronkit.layer.OutputSpec;
import org.neuronkit.loss.Losses;
import org.neuronkit.optim.LearningRateSchedule;
import org.neuronkit.optim.Optimizers;
import org.neuronkit.registry.Registry;
import org.neuronkit.support.Family;
import org.neuronkit.support.PathSupport;
import org.neuronkit.support.Support;

/**
 * The Spark path's column of the support matrix ({@link PathSupport}): {@link NeuronKitClassifier} and
 * {@link NeuronKitRegressor}, asked through the code they train with, with no Spark class loaded.
 * <ul>
 *   <li>activations: every example builds as a hidden layer of a {@link NetworkPlan} from {@link LayerList} JSON,
 *       as an executor builds it;</li>
 *   <li>layers: every kind whose spec {@link LayerList} reads (the {@code layers} param); the output layer
 *       the estimators add themselves, from the labels and the loss;</li>
 *   <li>losses: {@link SparkLosses}, what each estimator takes;</li>
 *   <li>optimizers and schedules: every example parses as the trainer reads its params, and a schedule watches only a metric
 *       the driver measures;</li>
 *   <li>normalisers: none but {@code none}, since a Spark pipeline scales its features with its own stages.</li>
 * </ul>
 */
public final class SparkSupport implements PathSupport {

    @Override
    public String path() {
        return "Spark";
    }

    @Override
    public Support support(Family family, Registry.Entry<?> entry) {
        try {
            return switch (family) {
                case ACTIVATION -> activation(entry);
                case LAYER -> layer(entry);
                case LOSS -> loss(entry);
                case OPTIMIZER -> each(entry, example -> Optimizers.byName(example, 0.01), "the optimizer param");
                case SCHEDULE -> schedule(entry);
                case NORMALISER -> family.registry().parse(entry.examples().get(0)) == null
                        ? Support.yes("the features as the pipeline's stages give them")
                        : Support.refused("a Spark pipeline scales its features with its own stages (StandardScaler, MinMaxScaler)"
                                + " in front of the estimator");
            };
        } catch (RuntimeException e) {
            return Support.refused(e.getMessage());
        }
    }

    private static Support activation(Registry.Entry<?> entry) {
        for (String example : entry.examples()) {
            String layers = LayerList.toJson(List.of(new DenseSpec(3, example)));
            new NetworkPlan(4, layers, 2, SparkLosses.CLASSIFIER, 0, 0, 1).build().close();
        }
        return Support.yes("in a dense layer of the layers param");
    }

    private static Support layer(Registry.Entry<?> entry) {
        if (Layers.REGISTRY.parse(entry.name()).specType() == OutputSpec.class) {
            return Support.yes("added by the estimator from the labels and the loss");
        }
        return Layers.specTypes().containsKey(entry.name()) ? Support.yes("in the layers param (its LayerSpec as JSON)")
                : Support.refused("the layers param does not read it");
    }

    private static Support loss(Registry.Entry<?> entry) {
        for (String example : entry.examples()) {
            if (Losses.parse(example).classifies()) {
                if (!Losses.REGISTRY.entry(SparkLosses.CLASSIFIER).name().equals(entry.name())) {
                    return Support.refused("NeuronKitClassifier trains " + SparkLosses.CLASSIFIER + " (class weights through classWeights)");
                }
            } else {
                SparkLosses.regression(example);
            }
        }
        return Support.yes(Losses.parse(entry.examples().get(0)).classifies() ? "NeuronKitClassifier, class weights through classWeights"
                : "NeuronKitRegressor's loss param");
    }

    /** Every example parses; one that watches a metric ({@code plateau}) is served when the driver measures it. */
    private static Support schedule(Registry.Entry<?> entry) {
        boolean watches = false;
        for (String example : entry.examples()) {
            java.util.Optional<org.neuronkit.train.Metric> metric = LearningRateSchedule.parse(example).monitors();
            if (metric.isPresent() && !DriverMetrics.MEASURED.contains(metric.get())) {
                return Support.refused(example + " watches " + metric.get() + ", which the driver does not measure");
            }
            watches |= metric.isPresent();
        }
        return Support.yes(watches ? "through the schedule param, advanced on the driver with each epoch's measured "
                + DriverMetrics.names() : "through the schedule param");
    }

    private static Support each(Registry.Entry<?> entry, java.util.function.Consumer<String> parse, String where) {
        entry.examples().forEach(parse);
        return Support.yes("through " + where);
    }
}
