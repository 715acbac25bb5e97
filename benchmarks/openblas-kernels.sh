#!/usr/bin/env bash
# Times one single-threaded sgemm (row-major C = A Bᵀ, A m × k, B n × k) in the bundled OpenBLAS under
# each OpenBLAS core type given, in alternating rounds, by thread CPU time (steadier than wall time on a
# shared machine): best of 9 × 200 calls. Needs gcc and a build of backend-cpu (mvn -pl backend-cpu -am package).
#
#   benchmarks/openblas-kernels.sh 64 256 784 Haswell Cooperlake     # m n k, then the core types
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
lib="$root/backend-cpu/target/classes/org/neuronkit/backend/cpu/openblas/linux-x86_64"
m=$1 n=$2 k=$3
shift 3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/probe.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
void cblas_sgemm(int order, int transA, int transB, int m, int n, int k, float alpha, const float *a, int lda,
                 const float *b, int ldb, float beta, float *c, int ldc);
char *openblas_get_corename(void);
void openblas_set_num_threads(int threads);
static double cpu_ns(void) { struct timespec t; clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t); return t.tv_sec * 1e9 + t.tv_nsec; }
int main(int argc, char **argv) {
    int m = atoi(argv[1]), n = atoi(argv[2]), k = atoi(argv[3]);
    float *a = malloc(4L * m * k), *b = malloc(4L * n * k), *c = malloc(4L * m * n);
    for (long i = 0; i < (long) m * k; i++) a[i] = rand() / (float) RAND_MAX;
    for (long i = 0; i < (long) n * k; i++) b[i] = rand() / (float) RAND_MAX;
    openblas_set_num_threads(1);
    double best = 1e30;
    for (int rep = 0; rep < 9; rep++) {
        double start = cpu_ns();
        for (int i = 0; i < 200; i++) cblas_sgemm(101, 111, 112, m, n, k, 1, a, k, b, k, 0, c, n); /* RowMajor, NoTrans, Trans */
        double t = (cpu_ns() - start) / 200;
        if (t < best) best = t;
    }
    printf("%-12s %d x %d -> %d: %8.1f us  %6.1f GFLOP/s\n", openblas_get_corename(), m, k, n, best / 1e3, 2.0 * m * n * k / best);
    return 0;
}
C
gcc -O2 "$work/probe.c" -o "$work/probe" "$lib/libopenblas.so.0" -Wl,-rpath,"$lib"
for round in 1 2 3; do
  for core in "$@"; do OPENBLAS_CORETYPE=$core "$work/probe" "$m" "$n" "$k"; done
done
