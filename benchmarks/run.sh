#!/usr/bin/env bash
# Runs NeuronKit's JMH benchmarks and prints a table (see README.md).
#
#   benchmarks/run.sh                     # the README's table: training, inference and the Fashion epoch vs DL4J
#   benchmarks/run.sh 'TrainStep' -p workload=W1 -f 1 -wi 2 -i 3 -w 2s -r 3s -prof gc
#   benchmarks/run.sh -l                  # list benchmarks
#
# Any arguments are JMH's own (regex of benchmarks, -p, -f, -wi, -i, -w, -r, -prof ...), plus --rounds N
# (BenchMain: run each workload's benchmarks N times in turn and report median ratios) and --plain-jvm
# (NeuronKit's forks again without the thread variables, as a plain `java -cp` program starts).
# Environment: MVN_FLAGS (e.g. "-o" offline), SKIP_BUILD=1, JAVA_OPTS (heap etc., inherited by the forks),
# and the thread settings below, which both libraries' forks inherit.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$root" && mvn -q -B ${MVN_FLAGS:-} -pl benchmarks -am package -DskipTests)
fi

# Thread settings for both libraries alike (the forks inherit the environment): see the script.
# A variable you set yourself wins; set one to the empty string to leave it unset.
# shellcheck source=../scripts/thread-env.sh
source "$root/scripts/thread-env.sh"
echo "threads: OMP_WAIT_POLICY=${OMP_WAIT_POLICY-} OMP_NUM_THREADS=${OMP_NUM_THREADS-} OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS-} ND4J_SKIP_BLAS_THREADS=${ND4J_SKIP_BLAS_THREADS-}" >&2

cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
run() { java ${JAVA_OPTS:--Xmx4g} -cp "$cp" org.neuronkit.bench.BenchMain "$@"; }
if [[ $# -eq 0 ]]; then
  # The README's table (~20 min), on the users' paths:
  # 1. per workload, in paired rounds: the GEMM ceiling, the training step and inference for DL4J and
  #    NeuronKit fed a new minibatch each call (input=fresh, 256 batches in turn) and one batch again
  #    and again (input=fixed), and NeuronKit's forks again as a plain JVM without the thread variables;
  run 'GemmBenchmark|TrainStepBenchmark|InferenceBenchmark' --rounds 2 --plain-jvm -f 1 -wi 2 -i 3 -w 1s -r 1s \
      -prof gc -prof org.neuronkit.bench.NativeMemoryProfiler
  # 2. the Fashion-MNIST epoch through Trainer.fit beside bare steps on pre-cut batches and DL4J.
  run FashionEpochBenchmark --plain-jvm -f 1 -wi 1 -i 3
  exit
fi
run "$@"
