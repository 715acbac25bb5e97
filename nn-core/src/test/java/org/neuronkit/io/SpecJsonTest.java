package org.neuronkit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuronkit.ConfigurationException;
import org.neuronkit.loss.LossSpec;
import org.neuronkit.loss.Losses;
import org.neuronkit.optim.LearningRateSchedule;
import org.neuronkit.optim.OptimizerSpec;
import org.neuronkit.optim.Optimizers;
import org.neuronkit.optim.RateSchedule;
import org.neuronkit.optim.ScheduleUnit;
import org.neuronkit.optim.Schedules;
import org.neuronkit.registry.Registry;

/**
 * Every registry example of the optimizers, schedules and losses parses into a record that goes through
 * JSON and back to an equal record, whose string is the canonical spec the registry reads back into
 * the same record; the component built from the record gives that record again.
 */
class SpecJsonTest {

    private static <T> void roundTrips(Registry<T> registry, Class<T> family) {
        for (Registry.Entry<T> entry : registry.entries()) {
            for (String example : entry.examples()) {
                T record = registry.parse(example);
                String json = SpecJson.write(family, record);
                assertTrue(json.startsWith("{\"type\":\"" + entry.name() + "\""), example + " → " + json);
                T back = SpecJson.read(family, json);
                assertEquals(record, back, example + " → " + json);
                assertEquals(record, registry.parse(back.toString()), example + " → " + back);
                assertEquals(back.toString(), registry.parse(back.toString()).toString(), example);
            }
        }
    }

    @Test
    void everyOptimizerExampleRoundTrips() {
        roundTrips(Optimizers.REGISTRY, OptimizerSpec.class);
        for (String example : Optimizers.REGISTRY.examples()) {
            OptimizerSpec record = Optimizers.REGISTRY.parse(example);
            assertEquals(record, record.create().spec(), example);
        }
    }

    @Test
    void everyScheduleExampleRoundTrips() {
        roundTrips(Schedules.REGISTRY, LearningRateSchedule.class);
    }

    @Test
    void everyLossExampleRoundTrips() {
        roundTrips(Losses.REGISTRY, LossSpec.class);
        for (String example : Losses.REGISTRY.examples()) {
            LossSpec record = Losses.REGISTRY.parse(example);
            assertEquals(record, record.create().record(), example);
            assertEquals(record.toString(), record.create().spec(), example);
        }
    }

    @Test
    void theJsonHoldsTheRecordsFields() {
        assertEquals("{\"type\":\"adam\",\"lr\":0.5,\"beta1\":0.8,\"beta2\":0.999,\"eps\":1.0E-8}",
                SpecJson.write(OptimizerSpec.class, Optimizers.REGISTRY.parse("adam(lr=0.5, beta1=0.8)")));
        assertEquals("{\"type\":\"huber\",\"delta\":0.5,\"activation\":\"logistic\"}",
                SpecJson.write(LossSpec.class, Losses.REGISTRY.parse("huber(0.5,logistic)")));
        assertEquals("{\"type\":\"softmax-cross-entropy\",\"classWeights\":[1.0,2.0,0.5]}",
                SpecJson.write(LossSpec.class, Losses.REGISTRY.parse("softmax-cross-entropy(1,2,0.5)")));
        RateSchedule schedule = new RateSchedule(LearningRateSchedule.parse("warmup(2,step(3,0.5))"), ScheduleUnit.STEP, 1);
        String json = SpecJson.write(RateSchedule.class, schedule);
        assertEquals("{\"schedule\":{\"type\":\"warmup\",\"units\":2,\"inner\":{\"type\":\"step\",\"every\":3,\"gamma\":0.5}},"
                + "\"unit\":\"STEP\",\"warmup\":1}", json);
        assertEquals(schedule, SpecJson.read(RateSchedule.class, json));
    }

    @Test
    void badJsonIsRefusedNamingWhatDoesNotFit() {
        assertEquals("{\"type\":\"adamx\",\"lr\":0.1} is not a valid OptimizerSpec: Could not resolve type id 'adamx' as a subtype of "
                + "`org.neuronkit.optim.OptimizerSpec`: known type ids = [adagrad, adam, adamw, momentum, nesterov, rmsprop, sgd]",
                assertThrows(ConfigurationException.class, () -> SpecJson.read(OptimizerSpec.class, "{\"type\":\"adamx\",\"lr\":0.1}"))
                        .getMessage());
        assertEquals("{\"type\":\"sgd\",\"lr\":-1} is not a valid OptimizerSpec: the learning rate must be a finite number > 0, got -1.0",
                assertThrows(ConfigurationException.class, () -> SpecJson.read(OptimizerSpec.class, "{\"type\":\"sgd\",\"lr\":-1}"))
                        .getMessage());
        ConfigurationException missing = assertThrows(ConfigurationException.class,
                () -> SpecJson.read(OptimizerSpec.class, "{\"type\":\"momentum\",\"lr\":0.1}"));
        assertTrue(missing.getMessage().contains("Missing creator property 'mu'"), missing.getMessage());
        assertEquals(List.of(), SpecJson.read(LossSpec.class, "{\"type\":\"softmax-cross-entropy\",\"classWeights\":[]}")
                .create().record() instanceof org.neuronkit.loss.SoftmaxCrossEntropySpec s ? s.classWeights() : null);
    }
}
