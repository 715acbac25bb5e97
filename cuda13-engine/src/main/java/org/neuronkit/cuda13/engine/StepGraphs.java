package org.neuronkit.cuda13.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whole training steps captured once per batch shape and replayed (issue #21.2). A step's launches (gather,
 * forward, loss, backward, penalty, finite check, update) are the same at every step of the same shape,
 * since everything that changes (the step within the epoch, the learning rate, Adam's t, the shuffled
 * order) is read from device memory; so the first step of a shape is captured into a graph and every
 * later one launches that graph.
 *
 * <p>The bookkeeping: one graph per {@link Shape} (the data set trained on and the rows of the batch: the
 * full batch size, and the shorter last batch when the rows do not divide evenly), captured the first time
 * the shape runs; all graphs are dropped when an epoch's steps read a buffer that was replaced (checked once
 * per epoch, {@link #reading}: e.g. a larger index or rate buffer for a larger data set), and the next step of
 * each shape captures again.
 */
public final class StepGraphs implements AutoCloseable {

    /** What a graph is captured for: a data set (by identity) and the rows of the batch. */
    public record Shape(Object data, int rows) {
    }

    /** Captures and launches graphs: CUDA's stream capture on a GPU, a fake in tests. */
    public interface Executor {
        /** Runs {@code step} once under capture and returns the graph it recorded (its launches are not executed). */
        Object capture(Runnable step);

        /** Runs a captured graph. */
        void launch(Object graph);

        /** Frees a captured graph. */
        void destroy(Object graph);

        /** Replays by running the captured step again: a graph's semantics without a GPU (the reference's executor). */
        Executor RERUN = new Executor() {
            @Override
            public Object capture(Runnable step) {
                return step;
            }

            @Override
            public void launch(Object graph) {
                ((Runnable) graph).run();
            }

            @Override
            public void destroy(Object graph) {
            }
        };
    }

    private final Executor executor;
    private final Map<Shape, Object> graphs = new HashMap<>();
    private List<Object> readBuffers = List.of();

    public StepGraphs(Executor executor) {
        this.executor = executor;
    }

    /**
     * Before an epoch's steps: {@code buffers} are what its steps read and write besides the network's own
     * memory; when they are not the ones the graphs were captured with, every graph is dropped.
     */
    public void reading(List<Object> buffers) {
        if (!buffers.equals(readBuffers)) {
            invalidate();
            readBuffers = List.copyOf(buffers);
        }
    }

    /** One step of {@code shape}: launches its graph, capturing {@code step} first when the shape is new. */
    public void run(Shape shape, Runnable step) {
        Object graph = graphs.get(shape);
        if (graph == null) {
            graph = executor.capture(step);
            graphs.put(shape, graph);
        }
        executor.launch(graph);
    }

    /** Drops every graph; the next step of each shape captures again. */
    public void invalidate() {
        graphs.values().forEach(executor::destroy);
        graphs.clear();
    }

    /** Graphs held now. */
    public int held() {
        return graphs.size();
    }

    @Override
    public void close() {
        invalidate();
    }
}
