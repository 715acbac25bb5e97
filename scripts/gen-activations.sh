#!/usr/bin/env bash
# Regenerates the GPU kernels' activation code from nn-core's activation registry (each activation's formula):
#   cuda13-engine/src/main/resources/org/neuronkit/cuda13/engine/activations.cuh   (included by kernels.cu)
#   cuda13-engine/src/main/java/org/neuronkit/cuda13/engine/ActivationKernels.java (the CPU reference's twin)
# Then run scripts/gen-ptx.sh (needs nvcc) to recompile kernels.ptx. KernelActivationsTest fails while either is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl backend-cuda13 -am test -Dtest=KernelActivationsTest -Dsurefire.failIfNoSpecifiedTests=false -Dneuronkit.activations.write=true
echo "gen-activations: wrote activations.cuh and ActivationKernels.java; now run scripts/gen-ptx.sh"
