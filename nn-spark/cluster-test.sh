#!/usr/bin/env bash
# A standalone Spark cluster on 127.0.0.1, from the Maven classpath: one Master and two Workers of 1 core
# each (separate JVMs), and ClusterCheck as the driver, with NeuronKit's own jars shipped to the executors
# (spark.jars). Checks: accuracy; the same model when a Worker is killed (kill -9) in the middle of a fit;
# the same predictions as a local[2] fit. Everything it started is stopped at the end, also on failure.
#   nn-spark/cluster-test.sh                 the check (CI: .ci/run)
#   nn-spark/cluster-test.sh scaling [ROWS]  fit time with 1 Worker, then with 2 (nn-spark/README.md)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mode="${1:-check}"
rows="${2:-8000}"
port="${MASTER_PORT:-17077}"
work="$(mktemp -d /tmp/neuronkit-cluster.XXXXXX)"
pids=()
cleanup() {
  local status=${1:-$?}
  trap - EXIT
  # the executors the Workers started, then the Workers, the Master and the driver
  for pid in "${pids[@]}"; do
    pkill -9 -P "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ "$status" != 0 ]; then
    echo "== cluster test failed (status $status); logs:"
    tail -n 30 "$work"/*.log 2>/dev/null || true
    find "$work" -name stderr -path '*app-*' -exec tail -n 20 {} + 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'cleanup 130' INT TERM

echo "== build (jars of nn-core, backend-cpu, nn-spark, nn-spark-bench) and the classpath"
mvn -B -q ${MVN_FLAGS:-} -pl nn-spark/bench -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt >/dev/null
app_jars=(nn-core/target/nn-core-*-SNAPSHOT.jar backend-cpu/target/backend-cpu-*-SNAPSHOT.jar
          nn-spark/target/nn-spark-*-SNAPSHOT.jar nn-spark/bench/target/nn-spark-bench-*-SNAPSHOT.jar)
# SPARK_HOME/jars: Spark, Scala and the third-party jars (ND4J, ...), as symlinks into the Maven repository;
# NeuronKit's own jars are not there: they travel with the application
mkdir -p "$work/spark/jars"
tr ':' '\n' < nn-spark/bench/target/classpath.txt | grep '\.jar$' | grep -v '/target/' | while read -r jar; do
  ln -sf "$jar" "$work/spark/jars/"
done
export SPARK_HOME="$work/spark" SPARK_SCALA_VERSION=2.13
flags="$(sed -n 's:.*<spark.java17.flags>\(.*\)</spark.java17.flags>.*:\1:p' nn-spark/pom.xml)"
source scripts/thread-env.sh

start_master() {
  echo "spark.master.rest.enabled false" >"$work/master.conf"
  java -Xmx512m $flags -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master \
      --host 127.0.0.1 --port "$port" --webui-port 0 --properties-file "$work/master.conf" >"$work/master.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 300); do
    grep -q "I have been elected leader" "$work/master.log" && return 0
    sleep 1
  done
  echo "the Master did not start"; return 1
}
# start_worker N: a Worker of 1 core, its pid in worker_pid
start_worker() {
  mkdir -p "$work/worker$1"
  java -Xmx512m $flags -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --cores 1 --memory 2g --webui-port 0 --work-dir "$work/worker$1" \
      "spark://127.0.0.1:$port" >"$work/worker$1.log" 2>&1 &
  worker_pid=$!
  pids+=($worker_pid)
  for _ in $(seq 300); do
    grep -q "Successfully registered with master" "$work/worker$1.log" && return 0
    sleep 1
  done
  echo "Worker $1 did not register"; return 1
}
# driver ARGS...: ClusterCheck on the cluster, NeuronKit's jars shipped to the executors
driver() {
  local cp="nn-spark/bench/target/classes:nn-spark/target/classes:nn-core/target/classes:backend-cpu/target/classes"
  java -Xmx3g $flags -Dlog4j2.configurationFile="$root/nn-spark/bench/log4j2.properties" \
      -Dspark.jars="$(IFS=,; echo "${app_jars[*]/#/$root/}")" \
      -Dspark.executor.extraJavaOptions="$flags" -Dspark.executor.memory=1500m -Dspark.executor.cores=1 \
      -Dspark.executorEnv.OMP_NUM_THREADS=1 -Dspark.executorEnv.OMP_WAIT_POLICY=PASSIVE \
      -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 -Dspark.ui.enabled=false \
      -Dspark.scheduler.minRegisteredResourcesRatio=1.0 -Dspark.scheduler.maxRegisteredResourcesWaitingTime=120s \
      -cp "$cp:$(cat nn-spark/bench/target/classpath.txt)" org.neuronkit.spark.bench.ClusterCheck \
      master="spark://127.0.0.1:$port" "$@"
}

start_master
if [ "$mode" = scaling ]; then
  echo "== scaling: the same fit ($rows rows, 2 partitions, H = 1) with 1 Worker, then 2"
  start_worker 1
  driver mode=scaling rows="$rows" | grep SCALING | sed 's/^/1 Worker:  /'
  start_worker 2
  driver mode=scaling rows="$rows" | grep SCALING | sed 's/^/2 Workers: /'
  exit 0
fi

start_worker 1
start_worker 2
victim=$worker_pid
echo "== driver: fit, then a fit during which Worker 2 (pid $victim) is killed, then a local[2] fit"
marker="$work/disturbed-fit-started"
driver marker="$marker" >"$work/driver.log" 2>&1 &
driver_pid=$!
pids+=($driver_pid)
while [ ! -e "$marker" ] && kill -0 "$driver_pid" 2>/dev/null; do
  sleep 0.5
done
[ -e "$marker" ] || { echo "the driver ended before its second fit"; cat "$work/driver.log"; exit 1; }
# kill the Worker once the second fit has finished its first epoch (the first fit logged one such line)
while [ "$(grep -c 'epoch 1/[0-9]*: mean risk' "$work/driver.log" || true)" -lt 2 ] && kill -0 "$driver_pid" 2>/dev/null; do
  sleep 0.2
done
pids+=($(pgrep -P "$victim" || true)) # its executor, which should exit by itself once its Worker is gone
kill -9 "$victim"
echo "killed Worker 2 (kill -9) during the second fit"
set +e
wait "$driver_pid"
status=$?
set -e
grep -E "cluster fit|Worker killed|local\[2\] fit|CLUSTER CHECK" "$work/driver.log"
grep -q "ExecutorLost\|Lost executor\|executor lost\|Executor lost" "$work/driver.log" \
    && echo "the driver saw the executor lost and recomputed its partition" || echo "note: the driver's log names no lost executor"
exit "$status"
