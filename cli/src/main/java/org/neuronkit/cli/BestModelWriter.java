package org.neuronkit.cli;

import java.nio.file.Path;
import org.neuronkit.data.Normalizer;
import org.neuronkit.io.Checkpoint;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.train.EarlyStopping;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.TrainingListener;

/** With early stopping: saves the model (as a checkpoint, which records the epoch) at each new best epoch. */
final class BestModelWriter implements TrainingListener {
    private final EarlyStopping stopping;
    private final Network network;
    private final Normalizer normalizer;
    private final Optimizer optimizer;
    private final Path file;

    BestModelWriter(EarlyStopping stopping, Network network, Normalizer normalizer, Optimizer optimizer, Path file) {
        this.stopping = stopping;
        this.network = network;
        this.normalizer = normalizer;
        this.optimizer = optimizer;
        this.file = file;
    }

    @Override
    public void onEpoch(EpochResult result) {
        if (stopping.bestEpoch() == result.epoch()) {
            Checkpoint.of(network, normalizer, optimizer, result.epoch(), 0, new long[0]).save(file);
        }
    }
}
