#!/usr/bin/env bash
# Runs NeuronKit's JMH benchmarks and prints a table (see README.md).
#
#   benchmarks/run.sh                     # the README's table: train step vs DL4J and the GEMM ceiling, 3 rounds
#   benchmarks/run.sh 'TrainStep' -p workload=W1 -f 1 -wi 2 -i 3 -w 2s -r 3s -prof gc
#   benchmarks/run.sh -l                  # list benchmarks
#
# Any arguments are JMH's own (regex of benchmarks, -p, -f, -wi, -i, -w, -r, -prof ...), plus --rounds N
# (BenchMain: run each workload's benchmarks N times in turn and report median ratios).
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
if [[ $# -eq 0 ]]; then
  # the README's table: each workload's GEMM ceiling, DL4J and NeuronKit forks side by side, three rounds (~5 min)
  set -- 'GemmBenchmark.trainStep|TrainStepBenchmark' --rounds 3 -f 1 -wi 2 -i 4 -w 1s -r 1s \
         -prof gc -prof org.neuronkit.bench.NativeMemoryProfiler
fi
exec java ${JAVA_OPTS:--Xmx4g} -cp "$cp" org.neuronkit.bench.BenchMain "$@"
