package org.neuronkit.train;

/**
 * What the {@link Trainer} does with a run that trains from scratch and whose mean training loss over
 * an epoch lies more than 25 % ({@value Divergence#ABOVE_START}×) above the loss it started at (the risk of
 * its first minibatch before any update): the run got worse, not better.
 * <ul>
 *   <li>{@link #STOP}: training stops at that epoch with a
 *       {@link org.neuronkit.NumericalException} naming the epoch, both losses and the largest
 *       parameter.</li>
 *   <li>{@link #WARN} (the default): training goes on; if its last epoch is still above that line,
 *       {@link TrainingReport#warnings()} says that the run ended worse than it started.</li>
 * </ul>
 * A loss a thousandfold above the start stops training under either policy. WARN is the default
 * because one minibatch's loss is a rough line: a regression whose untrained loss is already small
 * (0.048) can average 0.061 over an epoch of a sound run.
 */
public enum DivergencePolicy {
    STOP, WARN
}
