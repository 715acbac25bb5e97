package org.neuronkit.train;

/** One {@link TrainingDevice} run of a {@link DeviceJob}: epochs of steps on the device, and the state copied back. */
public interface DeviceRun extends AutoCloseable {

    /**
     * Runs epoch {@code epoch} (from 1): its minibatches, in the order the device draws from the job's
     * seed for that epoch (so every epoch's order depends only on the seed and the epoch, and a resumed
     * run draws the same batches), each step doing forward, backward, the non-finite policy, clipping,
     * α from {@code schedule}'s {@link org.neuronkit.optim.RateSchedule#rate} and the update. Steps are numbered
     * (epoch − 1) · {@link DeviceJob#stepsPerEpoch()} + s over the run, as on the CPU.
     *
     * @param schedule the host optimizer's schedule at the start of this epoch: the job's, advanced by the
     *     epochs' results for a schedule that reads them ({@link org.neuronkit.optim.PlateauSchedule})
     *
     * @throws org.neuronkit.NumericalException under {@link org.neuronkit.train.NonFinitePolicy#STOP} on a
     *     non-finite loss or gradient, naming the epoch and step; {@link #copyBack} then gives the
     *     parameters from before that step
     */
    DeviceEpoch runEpoch(int epoch, org.neuronkit.optim.RateSchedule schedule);

    /**
     * Writes the device's current parameters into {@link DeviceJob#parameters()}, its optimizer state into
     * the arrays of {@link DeviceJob#optimizerState()} (same names and shapes as the CPU optimizer's,
     * so a checkpoint resumes on either), and returns the layers' random state in the layout of
     * {@link org.neuronkit.network.Network#randomState()} (the job's own {@code randomState} if the device
     * keeps none).
     */
    long[] copyBack();

    /** Frees the device's memory; never throws. */
    @Override
    void close();
}
