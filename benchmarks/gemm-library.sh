#!/usr/bin/env bash
# Compares the GEMM libraries NeuronKit's CPU backend can run on (docs/design.md, "GEMM library";
# results in benchmarks/README.md, "GEMM library"), in paired rounds: each round runs every library
# in turn, in its own JMH forks, on the raw GEMM mixes and on NeuronKit's W1/W2 training step and W1
# inference fed a new minibatch each call.
#
#   benchmarks/gemm-library.sh [ROUNDS]        # default 2 rounds, about 5 minutes a round
#
# The libraries:
#   bundled  OpenBLAS 0.3.31, which backend-cpu loads in place of ND4J's (the default)
#   nd4j     ND4J's own OpenBLAS 0.3.19 (-Dneuronkit.openblas=nd4j)
#   onednn   ND4J's linux-x86_64-onednn-avx2 build (its oneDNN helpers; BLAS from ND4J's own OpenBLAS).
#            Its 94 MB jar is fetched into the local Maven repository on first use; it is not a
#            dependency of the project.
# Environment: MVN_FLAGS, SKIP_BUILD=1, JAVA_OPTS, as for run.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
rounds="${1:-2}"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$root" && mvn -q -B ${MVN_FLAGS:-} -pl benchmarks -am package -DskipTests)
fi
# ND4J's oneDNN build, beside the AVX2 build the class path already holds (same version and folder)
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
avx2_jar="$(tr ':' '\n' <<<"$cp" | grep -m1 -- '/nd4j-native-.*-linux-x86_64-avx2\.jar$')"
nd4j_version="$(basename "$(dirname "$avx2_jar")")"
onednn_jar="${avx2_jar%-avx2.jar}-onednn-avx2.jar"
if [[ ! -f "$onednn_jar" ]]; then
  (cd "$root" && mvn -q -B ${MVN_FLAGS:-} dependency:get -Dartifact="org.nd4j:nd4j-native:$nd4j_version:jar:linux-x86_64-onednn-avx2" \
      -Dtransitive=false)
fi

# shellcheck source=../scripts/thread-env.sh
source "$root/scripts/thread-env.sh"

run() {
  local library=$1 classpath=$2 options=$3
  echo "== round $r, library $library"
  java ${JAVA_OPTS:--Xmx4g} -cp "$classpath" org.neuronkit.bench.BenchMain \
      'GemmBenchmark|TrainStepBenchmark.neuronkit|InferenceBenchmark.neuronkit' \
      -p workload=W1,W2 -p input=fresh -f 1 -wi 2 -i 3 -w 1s -r 1s ${options:+-jvmArgsAppend "$options"} \
    | grep -E '^\| (GemmBenchmark|TrainStepBenchmark|InferenceBenchmark)' | grep -v 'W2.*InferenceBenchmark' || true
}
for ((r = 1; r <= rounds; r++)); do
  run bundled "$cp" ""
  run nd4j "$cp" "-Dneuronkit.openblas=nd4j"
  run onednn "$onednn_jar:$cp" "-Dneuronkit.openblas=nd4j -Dorg.bytedeco.javacpp.platform.extension=-onednn-avx2"
done
