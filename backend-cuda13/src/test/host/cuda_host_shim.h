// Just enough CUDA for kernels.cu to compile and run as host C++ (backend-cuda13's HostKernelsTest).
// A launch runs its blocks one after another, each block of ONE thread: blockDim.x = 1, threadIdx.x = 0. So the
// grid-stride loops, the one-thread-per-row kernels and the atomics behave as on a GPU, and a warp is one lane:
// __shfl_down_sync reads an absent lane, which adds 0 to a warp reduction. The math functions are the C
// library's float versions (expf, tanhf, erff, ...), within 2 ulp of CUDA's, as CUDA documents them.
#pragma once
#include <cmath>
#include <math.h>

#define __global__
#define __device__
#define __forceinline__ inline

using std::isfinite;

struct nk_index { unsigned int x, y, z; };
inline nk_index blockIdx, threadIdx, blockDim, gridDim;

inline float atomicAdd(float* address, float value) { float old = *address; *address = old + value; return old; }
inline int atomicAdd(int* address, int value) { int old = *address; *address = old + value; return old; }
inline int atomicMin(int* address, int value) { int old = *address; if (value < old) *address = value; return old; }
inline float __shfl_down_sync(unsigned int, float, unsigned int) { return 0.0f; }
