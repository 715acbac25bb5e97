package org.neuronkit.cuda13;

import org.neuronkit.cuda13.engine.Ops;
import org.neuronkit.cuda13.engine.ReferenceOps;

/** The engine's CPU reference of each kernel (the twin gpu-check holds the GPU against) against nn-core. */
class ReferenceKernelsTest extends KernelsAgainstNnCore {
    @Override
    Ops newOps() {
        return new ReferenceOps();
    }
}
