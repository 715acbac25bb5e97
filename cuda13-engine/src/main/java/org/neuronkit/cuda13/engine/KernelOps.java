package org.neuronkit.cuda13.engine;

/**
 * The {@link Ops} whose operations are launches of kernels.cu's kernels: the one place where each kernel's
 * argument list is written, read by every implementation that runs that CUDA C ({@link CudaOps} on a GPU,
 * backend-cuda13's host-compiled kernels in the tests, which so also check the order CudaOps packs). An
 * implementation supplies {@link #launch}: how it fills and runs one launch of a {@link Kernel} over a
 * {@link Work}.
 */
public interface KernelOps extends Ops {

    /** How a launch's threads cover its work: a grid-stride loop over n values, one thread per item, or one thread. */
    enum Cover { STRIDED, PER_ITEM, SINGLE }

    /** The work of one launch: its cover and its count (values or items; 1 for {@link Cover#SINGLE}). */
    record Work(Cover cover, long count) {
        static Work strided(long n) {
            return new Work(Cover.STRIDED, n);
        }

        static Work perItem(long items) {
            return new Work(Cover.PER_ITEM, items);
        }

        static Work single() {
            return new Work(Cover.SINGLE, 1);
        }
    }

    /**
     * One launch's arguments, given in the kernel's order and checked against its {@link Kernel#signature()} letter
     * by letter ({@code i} int, {@code f} float, {@code l} long, {@code p} buffer or null).
     */
    abstract class Args {
        private final Kernel kernel;
        private int next;

        protected Args(Kernel kernel) {
            this.kernel = kernel;
        }

        private int slot(char letter) {
            String signature = kernel.signature();
            if (next >= signature.length() || signature.charAt(next) != letter) {
                throw new IllegalStateException(kernel.entry() + ": argument " + (next + 1) + " is '" + letter + "', the signature is " + signature);
            }
            return next++;
        }

        public final Args i(int v) {
            putInt(slot('i'), v);
            return this;
        }

        public final Args f(float v) {
            putFloat(slot('f'), v);
            return this;
        }

        public final Args l(long v) {
            putLong(slot('l'), v);
            return this;
        }

        public final Args p(Buffer b) {
            putBuffer(slot('p'), b);
            return this;
        }

        /** Runs the launch once every argument is given. */
        public final void run() {
            if (next != kernel.signature().length()) {
                throw new IllegalStateException(kernel.entry() + ": " + next + " arguments for the signature " + kernel.signature());
            }
            launch();
        }

        protected final Kernel kernel() {
            return kernel;
        }

        protected abstract void putInt(int index, int v);

        protected abstract void putFloat(int index, float v);

        protected abstract void putLong(int index, long v);

        protected abstract void putBuffer(int index, Buffer b);

        protected abstract void launch();
    }

    /** A launch of {@code kernel} over {@code work}, to be given its arguments. */
    Args launch(Kernel kernel, Work work);

    @Override
    default void biasActivation(HiddenActivation f, Buffer z, Buffer b, Buffer a, int rows, int cols) {
        launch(Kernel.BIAS_ACTIVATION, Work.strided((long) rows * cols)).i(f.kind()).f(f.parameter()).p(z).p(b).p(a).i(rows).i(cols).run();
    }

    @Override
    default void activationBackward(HiddenActivation f, Buffer z, Buffer a, Buffer grad, Buffer delta, long n) {
        launch(Kernel.ACTIVATION_BACKWARD, Work.strided(n)).i(f.kind()).f(f.parameter()).p(z).p(a).p(grad).p(delta).l(n).run();
    }

    @Override
    default void softmaxCrossEntropy(Buffer z, Buffer labels, Buffer classWeights, Buffer delta, int rows, int cols, Buffer sums, Buffer counts) {
        launch(Kernel.SOFTMAX_CROSS_ENTROPY, Work.perItem(rows)).p(z).p(labels).p(classWeights).p(delta).i(rows).i(cols).p(sums).p(counts).run();
    }

    @Override
    default void logisticCrossEntropy(Buffer z, Buffer labels, Buffer classWeights, Buffer delta, int rows, int cols, Buffer sums, Buffer counts) {
        launch(Kernel.LOGISTIC_CROSS_ENTROPY, Work.perItem(rows)).p(z).p(labels).p(classWeights).p(delta).i(rows).i(cols).p(sums).p(counts).run();
    }

    @Override
    default void residualLoss(OutputLoss loss, float h, HiddenActivation f, Buffer z, Buffer y, Buffer delta, int rows, int cols, Buffer sums,
            Buffer counts) {
        launch(Kernel.RESIDUAL_LOSS, Work.strided((long) rows * cols)).i(loss.residualCode()).f(h).i(f.kind()).f(f.parameter()).p(z).p(y).p(delta)
                .i(rows).i(cols).p(sums).p(counts).run();
    }

    @Override
    default void columnSums(Buffer delta, Buffer db, int rows, int cols) {
        launch(Kernel.COLUMN_SUMS, Work.perItem(cols)).p(delta).p(db).i(rows).i(cols).run();
    }

    @Override
    default void penalty(Buffer w, Buffer grad, float l1, float l2, long n, Buffer sums, float weight) {
        launch(Kernel.PENALTY, Work.strided(n)).p(w).p(grad).f(l1).f(l2).l(n).p(sums).f(weight).run();
    }

    @Override
    default void beginStep(Buffer clock, Buffer norm) {
        launch(Kernel.BEGIN_STEP, Work.single()).p(clock).p(norm).run();
    }

    @Override
    default void clipByValue(Buffer g, long n, float maxValue, Buffer norm) {
        launch(Kernel.CLIP_BY_VALUE, Work.strided(n)).p(g).l(n).f(maxValue).p(norm).run();
    }

    @Override
    default void clipByNorm(Buffer g, long n, float maxNorm, Buffer norm) {
        launch(Kernel.CLIP_BY_NORM, Work.strided(n)).p(g).l(n).f(maxNorm).p(norm).run();
    }

    @Override
    default void noteFirstRisk(Buffer sums, Buffer clock, float rows, Buffer first) {
        launch(Kernel.NOTE_FIRST_RISK, Work.single()).p(sums).p(clock).f(rows).p(first).run();
    }

    @Override
    default void finiteCheck(Buffer g, long n, Buffer counts, Buffer clock, Buffer bad) {
        launch(Kernel.FINITE_CHECK, Work.strided(n)).p(g).l(n).p(counts).p(clock).p(bad).run();
    }

    @Override
    default void update(UpdateKind.Update rule, Buffer p, Buffer g, Buffer s1, Buffer s2, Buffer rates, Buffer clock, long n, Buffer bad) {
        launch(Kernel.OPTIMIZER_UPDATE, Work.strided(n)).i(rule.kind().code()).f(rule.h(0)).f(rule.h(1)).f(rule.h(2)).f(rule.h(3))
                .l(rule.weightCount()).p(p).p(g).p(s1).p(s2).p(rates).p(clock).l(n).p(bad).run();
    }

    @Override
    default void gatherRows(Buffer x, Buffer targets, Buffer index, Buffer clock, int batch, Buffer out, Buffer targetsOut, int rows, int cols,
            int targetCols) {
        launch(Kernel.GATHER_ROWS, Work.strided((long) rows * Math.max(cols, targetCols))).p(x).p(targets).p(index).p(clock).i(batch).p(out)
                .p(targetsOut).i(rows).i(cols).i(targetCols).run();
    }

    @Override
    default void dropoutForward(long seed, float rate, Buffer clock, Buffer x, Buffer mask, Buffer y, long n) {
        launch(Kernel.DROPOUT_FORWARD, Work.strided(n)).l(seed).f(rate).p(clock).p(x).p(mask).p(y).l(n).run();
    }

    @Override
    default void dropoutBackward(Buffer mask, Buffer grad, Buffer out, long n) {
        launch(Kernel.DROPOUT_BACKWARD, Work.strided(n)).p(mask).p(grad).p(out).l(n).run();
    }

    @Override
    default void batchNormForward(Buffer x, Buffer params, Buffer xhat, Buffer y, Buffer stats, int rows, int cols, float momentum, float epsilon,
            Buffer bad) {
        launch(Kernel.BATCH_NORM_FORWARD, Work.perItem(cols)).p(x).p(params).p(xhat).p(y).p(stats).i(rows).i(cols).f(momentum).f(epsilon).p(bad)
                .run();
    }

    @Override
    default void batchNormInference(Buffer x, Buffer params, Buffer y, int rows, int cols, float epsilon) {
        launch(Kernel.BATCH_NORM_INFERENCE, Work.strided((long) rows * cols)).p(x).p(params).p(y).i(rows).i(cols).f(epsilon).run();
    }

    @Override
    default void batchNormBackward(Buffer g, Buffer xhat, Buffer params, Buffer stats, Buffer grads, Buffer dx, int rows, int cols) {
        launch(Kernel.BATCH_NORM_BACKWARD, Work.perItem(cols)).p(g).p(xhat).p(params).p(stats).p(grads).p(dx).i(rows).i(cols).run();
    }
}
