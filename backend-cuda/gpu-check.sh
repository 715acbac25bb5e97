#!/usr/bin/env bash
# NeuronKit GPU check: run on a Linux x86-64 machine with an NVIDIA GPU, from any directory.
#
#   backend-cuda/gpu-check.sh                              CUDA runtime from JavaCPP's redistributable jar
#   NEURONKIT_CUDA_RUNTIME=system backend-cuda/gpu-check.sh   CUDA 11.6 runtime installed on the system
#
# Steps:
#   1. an NVIDIA GPU and driver are present (nvidia-smi), else stop with a message
#   2. build with -Pcuda,cuda-natives[,cuda-redist]
#   3. the CUDA backend's report (runs the preflight: driver, runtime libraries, compute capability)
#   4. nn-core's gradient-check tests with ND4J's CUDA backend instead of the CPU one
#   5. the W1/W2 training benchmarks on the CPU and on the GPU, samples/s side by side
# Everything it writes goes to backend-cuda/target/gpu-check/. Exit status: 0 all passed, 1 a step failed,
# 2 no usable GPU.
#
# Environment:
#   NEURONKIT_CUDA_RUNTIME  redist (default) or system
#   GPU_TESTS               regular expression of nn-core test classes to run on the GPU
#                           (default: the gradient checks; '.*Test' runs all of nn-core's tests)
#   JMH_ARGS                extra JMH options for step 5 (default: -f 1 -wi 3 -i 5)
#   SKIP_BENCHMARKS=1       stop after step 4
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/backend-cuda/target/gpu-check
MVN=(mvn -B -q -f "$ROOT/pom.xml")
GPU_TESTS=${GPU_TESTS:-'.*(NetworkGradient|Activations)Test'}
JMH_ARGS=${JMH_ARGS:-"-f 1 -wi 3 -i 5"}

step() { printf '\n== %s\n' "$*"; }
die() { printf 'gpu-check: %s\n' "$1" >&2; exit "${2:-1}"; }

case ${NEURONKIT_CUDA_RUNTIME:-redist} in
  redist) PROFILES=cuda,cuda-natives,cuda-redist ;;
  system) PROFILES=cuda,cuda-natives ;;
  *) die "NEURONKIT_CUDA_RUNTIME must be redist or system, not '$NEURONKIT_CUDA_RUNTIME'" ;;
esac

# the classpath of a module in a scope, under the profiles given (if any), written to a file and printed
classpath() { # module scope [profiles]
  local file="$OUT/cp-$1-$2.txt"
  "${MVN[@]}" ${3:+-P"$3"} dependency:build-classpath -pl "$1" -Dmdep.includeScope="$2" -Dmdep.outputFile="$file" \
    >/dev/null
  cat "$file"
}

step "1. NVIDIA GPU and driver"
if ! command -v nvidia-smi >/dev/null 2>&1; then
  die "no GPU: nvidia-smi is not installed, so this machine has no NVIDIA driver (and most likely no NVIDIA GPU).
The CUDA backend needs an NVIDIA GPU of compute capability 3.7, 5.x, 6.x, 7.x or 8.x and driver 450.80.02 or newer;
see backend-cuda/README.md. Nothing was built or run." 2
fi
if ! nvidia-smi -L >/dev/null 2>&1; then
  die "no GPU: nvidia-smi is installed but lists no usable GPU:
$(nvidia-smi -L 2>&1 | head -5)" 2
fi
nvidia-smi --query-gpu=index,name,compute_cap,driver_version,memory.total --format=csv 2>/dev/null \
  || nvidia-smi --query-gpu=index,name,driver_version,memory.total --format=csv
mkdir -p "$OUT"

step "2. build with -P$PROFILES"
"${MVN[@]}" -P"$PROFILES" install -DskipTests

step "3. CUDA backend report (preflight)"
CUDA_CP="$ROOT/backend-cuda/target/classes:$(classpath backend-cuda runtime "$PROFILES")"
java -cp "$CUDA_CP" org.neuronkit.backend.cuda.CudaReport | tee "$OUT/report.txt" \
  || die "the CUDA backend cannot start (message above)"

step "4. nn-core tests matching '$GPU_TESTS' on the CUDA backend"
# nn-core's test classpath without its CPU backend (nd4j-native, OpenBLAS) and JUnit (the console launcher
# brings its own), then the CUDA backend's runtime classpath
"${MVN[@]}" -pl nn-core test-compile
CORE_TEST_CP=$(classpath nn-core test | tr ':' '\n' | grep -v -e '/nd4j-native/' -e '/openblas/' -e '/junit/' | paste -sd:)
"${MVN[@]}" dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:1.11.4 \
  -DoutputDirectory="$OUT" >/dev/null
java -Xmx4g -cp "$OUT/junit-platform-console-standalone-1.11.4.jar:$ROOT/nn-core/target/test-classes:$CUDA_CP:$CORE_TEST_CP" \
  org.junit.platform.console.ConsoleLauncher execute --disable-banner --details=tree \
  --scan-classpath "$ROOT/nn-core/target/test-classes" --include-classname "$GPU_TESTS" --fail-if-no-tests \
  --reports-dir "$OUT/junit" | tee "$OUT/tests.txt"

[ "${SKIP_BENCHMARKS:-0}" = 1 ] && { step "done (benchmarks skipped)"; exit 0; }

# ---------------------------------------------------------------------------------------------------------
# 5. Benchmarks. ASSUMES the benchmarks module (written separately): module directory benchmarks/, an
#    executable JMH jar benchmarks/target/benchmarks.jar, the class org.neuronkit.bench.TrainStepBenchmark
#    with @Param workload W1/W2, and a score in samples per second. Adjust these lines if that module differs.
# ---------------------------------------------------------------------------------------------------------
step "5. W1/W2 training benchmarks, CPU then GPU"
[ -f "$ROOT/benchmarks/pom.xml" ] || die "no benchmarks module in $ROOT/benchmarks: skipping step 5"
for backend in cpu gpu; do
  if [ $backend = cpu ]; then profiles=cpu; else profiles=$PROFILES; fi
  "${MVN[@]}" -P"$profiles" package -DskipTests -pl benchmarks -am
  cp "$ROOT/benchmarks/target/benchmarks.jar" "$OUT/benchmarks-$backend.jar"
  # shellcheck disable=SC2086
  java -jar "$OUT/benchmarks-$backend.jar" 'org.neuronkit.bench.TrainStepBenchmark' -p workload=W1,W2 \
    $JMH_ARGS -rf csv -rff "$OUT/bench-$backend.csv" | tee "$OUT/bench-$backend.txt"
done

step "samples/s (JMH score ± 99.9% error)"
# JMH CSV columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: workload"
score() { # file workload
  awk -F, -v w="\"$2\"" 'NR > 1 && $8 == w { gsub(/"/, ""); printf "%.1f ± %.1f %s", $5, $6, $7 }' "$1"
}
printf '%-10s %-32s %-32s\n' workload CPU GPU
for w in W1 W2; do
  printf '%-10s %-32s %-32s\n' "$w" "$(score "$OUT/bench-cpu.csv" $w)" "$(score "$OUT/bench-gpu.csv" $w)"
done | tee "$OUT/summary.txt"
