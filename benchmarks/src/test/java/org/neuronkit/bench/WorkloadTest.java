package org.neuronkit.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkloadTest {

    @Test
    void w1FlopsCountEveryProductOfAStep() {
        // products (m·k per output row, batch 256): forward 784·1024, 1024·1024, 1024·10; dW the same;
        // dA for layers 2 and 3 only: 1024·1024, 1024·10
        double forward = 2.0 * 256 * (784 * 1024 + 1024 * 1024 + 1024 * 10);
        double dA = 2.0 * 256 * (1024 * 1024 + 1024 * 10);
        assertEquals(forward, Workload.W1.forwardFlops());
        assertEquals(2 * forward + dA, Workload.W1.trainStepFlops());
        assertEquals(2_448_424_960.0, Workload.W1.trainStepFlops());
    }

    @Test
    void w3FlopsByHand() {
        // 64-32-10, batch 32: forward 2·32·(64·32 + 32·10) = 151,552; dW 151,552; dA 2·32·32·10 = 20,480
        assertEquals(151_552.0, Workload.W3.forwardFlops());
        assertEquals(323_584.0, Workload.W3.trainStepFlops());
    }
}
