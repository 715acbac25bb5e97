// Runs one kernel of kernels.cu on the host, through cuda_host_shim.h, for backend-cuda13's HostKernelsTest.
//
// stdin:  <kernel> <blocks> then one token group per parameter, in the kernel's order:
//           i <int> | l <long> | f <float> | F <n> <n floats> | I <n> <n ints> | N (a null pointer)
//         floats in C99 hex (%a, as Java's Float.toHexString writes them): exact both ways.
// stdout: every array parameter after the launch, in order, one per line: <n> <values>
//
// Adding a kernel: one KERNEL(name) line in the table below; the parameter types come from its C++ signature.
#include "cuda_host_shim.h"
#include "kernels.cu"

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

namespace {

struct Array {
    std::vector<float> f;
    std::vector<int> i;
    bool isInt = false;
    bool null = false;
};

struct Input {
    std::vector<std::unique_ptr<Array>> arrays;

    [[noreturn]] static void fail(const std::string& message) {
        std::cerr << "host_kernels: " << message << std::endl;
        std::exit(2);
    }

    std::string token(const char* expected) {
        std::string t;
        if (!(std::cin >> t)) fail(std::string("input ended where ") + expected + " was expected");
        return t;
    }

    void tag(const char* expected) {
        std::string t = token(expected);
        if (t != expected) fail(std::string("expected '") + expected + "', found '" + t + "'");
    }

    Array* array(bool isInt) {
        std::string t = token(isInt ? "I or N" : "F or N");
        auto a = std::make_unique<Array>();
        a->isInt = isInt;
        if (t == "N") {
            a->null = true;
        } else if (t == (isInt ? "I" : "F")) {
            long n = std::stol(token("a length"));
            for (long k = 0; k < n; k++) {
                if (isInt) a->i.push_back(std::stoi(token("an int"))); else a->f.push_back(std::strtof(token("a float").c_str(), nullptr));
            }
        } else {
            fail(std::string("expected ") + (isInt ? "I" : "F") + " or N, found '" + t + "'");
        }
        arrays.push_back(std::move(a));
        return arrays.back().get();
    }
};

template <typename T> struct Take;
template <> struct Take<int> { static int from(Input& in) { in.tag("i"); return std::stoi(in.token("an int")); } };
template <> struct Take<long> { static long from(Input& in) { in.tag("l"); return std::stol(in.token("a long")); } };
template <> struct Take<float> { static float from(Input& in) { in.tag("f"); return std::strtof(in.token("a float").c_str(), nullptr); } };
template <> struct Take<float*> { static float* from(Input& in) { Array* a = in.array(false); return a->null ? nullptr : a->f.data(); } };
template <> struct Take<const float*> { static const float* from(Input& in) { return Take<float*>::from(in); } };
template <> struct Take<int*> { static int* from(Input& in) { Array* a = in.array(true); return a->null ? nullptr : a->i.data(); } };
template <> struct Take<const int*> { static const int* from(Input& in) { return Take<int*>::from(in); } };

// Reads the kernel's parameters by their types (left to right: braced initialisation is ordered), then runs
// every block of the grid.
template <typename... P> void launch(void (*kernel)(P...), Input& in, unsigned int blocks) {
    std::tuple<P...> args{Take<P>::from(in)...};
    blockDim = {1, 1, 1};
    gridDim = {blocks, 1, 1};
    threadIdx = {0, 0, 0};
    for (unsigned int b = 0; b < blocks; b++) {
        blockIdx = {b, 0, 0};
        std::apply(kernel, args);
    }
}

#define KERNEL(name) {#name, [](Input& in, unsigned int blocks) { launch(name, in, blocks); }}

const std::map<std::string, std::function<void(Input&, unsigned int)>> KERNELS = {
    KERNEL(bias_activation),
    KERNEL(activation_backward),
    KERNEL(softmax_cross_entropy),
    KERNEL(logistic_cross_entropy),
    KERNEL(residual_loss),
    KERNEL(column_sums),
    KERNEL(penalty),
    KERNEL(begin_step),
    KERNEL(clip_by_value),
    KERNEL(clip_by_norm),
    KERNEL(note_first_risk),
    KERNEL(finite_check),
    KERNEL(optimizer_update),
    KERNEL(gather_rows),
    KERNEL(dropout_forward),
    KERNEL(dropout_backward),
    KERNEL(batch_norm_forward),
    KERNEL(batch_norm_inference),
    KERNEL(batch_norm_backward),
};

}  // namespace

int main() {
    Input in;
    std::string name = in.token("a kernel name");
    auto kernel = KERNELS.find(name);
    if (kernel == KERNELS.end()) Input::fail("unknown kernel '" + name + "': add KERNEL(" + name + ") to host_kernels.cpp");
    unsigned int blocks = static_cast<unsigned int>(std::stoul(in.token("the number of blocks")));
    kernel->second(in, blocks);
    for (const auto& a : in.arrays) {
        if (a->null) { std::printf("N\n"); continue; }
        std::printf("%zu", a->isInt ? a->i.size() : a->f.size());
        if (a->isInt) for (int v : a->i) std::printf(" %d", v); else for (float v : a->f) std::printf(" %a", v);
        std::printf("\n");
    }
    return 0;
}
