package org.neuronkit.train;

import java.nio.file.Path;
import org.neuronkit.ConfigurationException;
import org.neuronkit.data.Normalizer;
import org.neuronkit.io.Checkpoint;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Optimizer;

/**
 * Writes a {@link Checkpoint} (atomically, replacing the previous one) after every
 * {@code every}-th epoch and after the last epoch of the plan. The training loop has no random
 * state of its own (each epoch's minibatch order derives from the seed and the epoch number); the
 * checkpoint's RNG state is the network's {@link Network#randomState()} (its dropout masks' pass
 * counters; empty without dropout). To resume: restore the optimizer with
 * {@link Checkpoint#restoreOptimizer}, the network's random state with
 * {@link Network#restoreRandomState}, and start the trainer at the next epoch.
 */
public final class CheckpointWriter implements TrainingListener {
    private final Network network;
    private final Normalizer normalizer;
    private final Optimizer optimizer;
    private final Path file;
    private final int every;
    private int lastEpoch;
    private int batchesPerEpoch;
    private long step;

    /**
     * @param normalizer the fitted input normaliser saved with the model, or null
     * @param every write after epochs divisible by this, &gt; 0
     */
    public CheckpointWriter(Network network, Normalizer normalizer, Optimizer optimizer, Path file, int every) {
        if (every <= 0) {
            throw new ConfigurationException("the checkpoint interval must be a positive number of epochs, got " + every);
        }
        this.network = network;
        this.normalizer = normalizer;
        this.optimizer = optimizer;
        this.file = file;
        this.every = every;
    }

    @Override
    public void onStart(TrainingPlan plan) {
        lastEpoch = plan.lastEpoch();
        batchesPerEpoch = plan.batchesPerEpoch();
        step = (long) (plan.firstEpoch() - 1) * batchesPerEpoch;
    }

    @Override
    public void onEpoch(EpochResult result) {
        step += batchesPerEpoch - result.skippedBatches(); // the epoch's updates, on the CPU or a device
        if (result.epoch() % every == 0 || result.epoch() == lastEpoch) {
            Checkpoint.of(network, normalizer, optimizer, result.epoch(), step, network.randomState()).save(file);
        }
    }
}
