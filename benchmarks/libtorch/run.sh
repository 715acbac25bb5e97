#!/usr/bin/env bash
# One Fashion-MNIST epoch in libtorch (PyTorch's C++ library, through JavaCPP), the PyTorch baseline of
# FashionEpochBenchmark.neuronkitFit, in a JVM of its own:
#
#   benchmarks/libtorch/run.sh [DATA_DIR] [EPOCHS]
#
# Needs Maven Central once (org.bytedeco:pytorch 2.10.0-1.5.13, about 90 MB of natives). Thread settings:
# those of benchmarks/run.sh, for both libraries alike (scripts/thread-env.sh). They matter more here than
# for NeuronKit: this libtorch runs OpenMP and a pthreads OpenBLAS side by side, and with libgomp's default
# (spinning) wait policy the two fight for the cores (an epoch took 15 s instead of 0.8 s on 2 cores).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../../scripts/thread-env.sh
source "$here/../../scripts/thread-env.sh"
mvn -q -B ${MVN_FLAGS:-} -f "$here/pom.xml" compile dependency:build-classpath -Dmdep.outputFile="$here/target/classpath.txt"
exec java -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" org.neuronkit.libtorch.FashionEpoch "$@"
