package org.neuronkit.train;

/**
 * A device other than the CPU that runs a {@link Trainer}'s steps, e.g. a GPU: the service a device
 * module registers through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.neuronkit.train.TrainingDevice}), found by {@link TrainingDevices#named}
 * and given to {@link Trainer#device}.
 *
 * <p>The split of the work: {@link Trainer#fit} keeps everything around the steps (listeners, validation
 * and test sets, early stopping, the divergence check, checkpoints and resuming). The device runs whole
 * epochs of steps (minibatch, forward, backward, L1/L2, the non-finite policy, clipping, the scheduled
 * rate, the update) from one {@link DeviceJob} it receives once, and gives back each epoch's
 * {@link DeviceEpoch}; at each epoch's end the trainer asks for the parameters, the optimizer's state
 * and the layers' random state ({@link DeviceRun#copyBack}), so that everything after the epoch reads
 * the host {@link org.neuronkit.network.Network} and optimizer as after a CPU epoch.
 *
 * <p>Order of calls, each at most once per run except {@code runEpoch} and {@code copyBack}:
 * {@link #check} (before the trainer does any work: no data copied, no file written), {@link #open},
 * then per epoch {@link DeviceRun#runEpoch} and {@link DeviceRun#copyBack}, and {@link DeviceRun#close}
 * at the end, also after a failure.
 */
public interface TrainingDevice {

    /** The name {@code --device} and {@link TrainingDevices#named} use, lower case, e.g. {@code cuda}; never {@code cpu}. */
    String name();

    /**
     * One line about the hardware it runs on (e.g. the GPU's name and compute capability), for the
     * run's log; a ConfigurationException naming what is missing if the device cannot start on this machine.
     */
    String describe();

    /**
     * Refuses, before any work, a job this device cannot run exactly: throws a
     * {@link org.neuronkit.ConfigurationException} that names the first thing it lacks (the layer and
     * its kind or activation, the loss, the optimizer, the schedule, clipping, the non-finite policy,
     * L1, the data type) or what this machine lacks (driver, library, memory). Returns normally
     * only if {@link #open} will run the job as the CPU would (up to rounding and the batch order).
     */
    void check(DeviceJob job);

    /**
     * Starts a run of {@code job} (which {@link #check} accepted): copies its parameters, optimizer
     * state and training data to the device.
     */
    DeviceRun open(DeviceJob job);
}
