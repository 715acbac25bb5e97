package org.neuronkit.spark;

import java.io.Serializable;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.rdd.RDD;

import scala.Function1;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * A training round as a Spark barrier stage ({@code useBarrierExecutionMode}): all partitions' tasks
 * are scheduled together or not at all, and when one fails Spark fails the whole stage at once
 * instead of retrying that task alone while the others wait, as gang-scheduled training expects. Each
 * task folds its partition's blocks with the round's task; the driver reduces the partial sums.
 */
final class BarrierRound {
    private BarrierRound() {
    }

    /** A Scala function that Spark can serialise. */
    private interface Fold extends Function1<Iterator<PackedBlock>, Iterator<RoundSum>>, Serializable {
    }

    static RoundSum run(JavaRDD<PackedBlock> blocks, Function2<RoundSum, PackedBlock, RoundSum> task) {
        Fold fold = partition -> {
            RoundSum sum = new RoundSum();
            while (partition.hasNext()) {
                try {
                    sum = task.call(sum, partition.next());
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return scala.collection.Iterator$.MODULE$.single(sum);
        };
        ClassTag<RoundSum> tag = ClassTag$.MODULE$.apply(RoundSum.class);
        RDD<RoundSum> sums = blocks.rdd().barrier().mapPartitions(fold, false, tag);
        return JavaRDD.fromRDD(sums, tag).treeReduce(RoundSum::merge);
    }
}
