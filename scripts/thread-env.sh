# Thread settings for ND4J on the CPU, sourced by ./neuronkit and benchmarks/run.sh
# (measured on 2 cores: README.md "Performance" and benchmarks/README.md "Thread settings").
#
#   OMP_WAIT_POLICY=PASSIVE   libnd4j's OpenMP threads sleep when idle instead of spinning against
#                             OpenBLAS's threads (without it: 4-60x slower on 2 cores)
#   OMP_NUM_THREADS=1         libnd4j's own element-wise ops run on the calling thread: they are
#                             memory-bound, and a second OpenMP thread costs more than it saves
#                             (per parallel region, and by sharing a core with OpenBLAS's waiting thread)
#   OPENBLAS_NUM_THREADS=cores  the GEMMs, where the work is, use every core
#   ND4J_SKIP_BLAS_THREADS=1  stops ND4J from setting OpenBLAS's thread count to OMP_NUM_THREADS
#
# A variable you set yourself wins; set one to the empty string to leave it unset.
# Programs started without this script get the same defaults from the CPU backend itself, in process
# (backend-cpu's CpuThreadDefaults; docs/design.md, "Thread settings").
neuronkit_thread_default() {
  local name=$1 value=$2
  if [[ -z "${!name+set}" ]]; then
    export "$name=$value"
  elif [[ -z "${!name}" ]]; then
    unset "$name"
  fi
}
neuronkit_thread_default OMP_WAIT_POLICY PASSIVE
# (nproc itself obeys OMP_NUM_THREADS, so count the cores without it)
neuronkit_thread_default OPENBLAS_NUM_THREADS "$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc)"
neuronkit_thread_default OMP_NUM_THREADS 1
neuronkit_thread_default ND4J_SKIP_BLAS_THREADS 1
unset -f neuronkit_thread_default
