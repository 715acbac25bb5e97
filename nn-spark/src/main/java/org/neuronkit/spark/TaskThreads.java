package org.neuronkit.spark;

import org.apache.spark.TaskContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keeps ND4J inside the cores Spark gave a task: a task owns {@code spark.task.cpus} cores (1 by
 * default) while other tasks run beside it in the same executor, so libnd4j's OpenMP pool and
 * OpenBLAS each get that many threads. Without it every task's GEMMs would spread over all the
 * executor's cores and the tasks would oversubscribe them.
 */
final class TaskThreads {
    private TaskThreads() {
    }

    /** Sets ND4J's and OpenBLAS's thread counts to the current task's cores (1 outside a task). */
    static void limitToTask() {
        TaskContext task = TaskContext.get();
        int cores = task == null ? 1 : Math.max(1, task.cpus());
        Nd4j.getEnvironment().setMaxThreads(cores);
        Nd4j.getEnvironment().setMaxMasterThreads(cores);
        Nd4j.factory().blas().setMaxThreads(cores);
    }
}
