#!/usr/bin/env bash
# Builds the GPU check bundle: a folder that runs on any Linux x86-64 machine with an NVIDIA GPU, with no Java,
# Maven or network there (backend-cuda13/README.md):
#   DIR/runtime/    a jlinked Java 17 runtime (java.base, java.logging, java.management, jdk.unsupported;
#                   java.management because JavaCPP uses it, as jdeps --print-module-deps shows)
#   DIR/lib/        cuda13-engine's jar (kernels' PTX and the fixtures inside), cuda13-api's, and JavaCPP 1.5.13's
#                   jars, the CUDA JNI jar cut down to the cudart and cuBLAS bindings
#   DIR/gpu-check   the check: finds the machine's CUDA libraries, runs org.neuronkit.cuda13.engine.GpuCheck
#   DIR/torch_mlp.py  the same networks in PyTorch, run by the check when python3 has torch
# Usage: scripts/gpu-bundle.sh DIR     (needs Java 17 with jlink, and Maven; the bundle must stay under 40 MB)
# DIR must be new, empty, or a bundle this script built (it then is replaced).
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: scripts/gpu-bundle.sh DIR" >&2; exit 2; }
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$1"
limit_mb=${GPU_BUNDLE_LIMIT_MB:-40}
marker=.neuronkit-gpu-bundle
if [[ -e "$dir" ]]; then
  if [[ -f "$dir/$marker" ]]; then
    rm -rf "$dir"
  elif [[ -n "$(ls -A "$dir")" ]]; then
    echo "gpu-bundle: $dir exists and is not a bundle built by this script; not touching it" >&2
    exit 1
  fi
fi
command -v jlink >/dev/null || { echo "gpu-bundle: jlink not found: install a full JDK 17 (e.g. openjdk-17-jdk-headless)" >&2; exit 1; }
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
tmp="$dir.partial"
rm -rf "$tmp" && mkdir -p "$tmp/lib"
trap 'rm -rf "$tmp"' EXIT

echo "gpu-bundle: building cuda13-engine" >&2
# one reactor run, so that cuda13-api (a module of this build, never installed) resolves from its target/
(cd "$root" && mvn -B -q -pl cuda13-engine -am package dependency:copy-dependencies -DskipTests -DincludeScope=runtime \
   -DoutputDirectory="$tmp/lib")
cp "$root"/cuda13-engine/target/cuda13-engine-*.jar "$tmp/lib/"
# JavaCPP's CUDA JNI jar holds bindings for every CUDA library (33 MB unpacked); the engine loads two of them
natives=$(ls "$tmp"/lib/cuda-*-linux-x86_64.jar)
mkdir "$tmp/natives"
(cd "$tmp/natives" && jar xf "$natives" org/bytedeco/cuda/linux-x86_64/libjnicudart.so org/bytedeco/cuda/linux-x86_64/libjnicublas.so \
   META-INF/maven/org.bytedeco/cuda/pom.properties)
[[ -f "$tmp/natives/org/bytedeco/cuda/linux-x86_64/libjnicublas.so" ]] || { echo "gpu-bundle: $natives lacks libjnicublas.so" >&2; exit 1; }
rm "$natives" && jar cf "$natives" -C "$tmp/natives" . && rm -rf "$tmp/natives"

echo "gpu-bundle: jlink" >&2
jlink --add-modules java.base,java.logging,java.management,jdk.unsupported \
  --compress=2 --strip-debug --no-header-files --no-man-pages --output "$tmp/runtime"
# Debian's JDK keeps libjvm.so's symbol table (24 MB); without it, 20 MB. Skipped where binutils is missing.
if command -v strip >/dev/null; then
  chmod u+w "$tmp/runtime/lib/server/libjvm.so" && strip --strip-unneeded "$tmp/runtime/lib/server/libjvm.so"
fi

cp "$root/cuda13-engine/gpu-check/torch_mlp.py" "$root/cuda13-engine/gpu-check/gpu-check" "$tmp/"
chmod +x "$tmp/gpu-check"
git -C "$root" rev-parse --short HEAD > "$tmp/COMMIT" 2>/dev/null || echo unknown > "$tmp/COMMIT"
touch "$tmp/$marker"

size_kb=$(du -sk "$tmp" | cut -f1)
if (( size_kb > limit_mb * 1024 )); then
  echo "gpu-bundle: the bundle is $((size_kb / 1024)) MB, over its limit of $limit_mb MB" >&2
  exit 1
fi
rmdir "$dir" 2>/dev/null || true
mv "$tmp" "$dir"
echo "gpu-bundle: $dir, $((size_kb / 1024)) MB ($size_kb KB): runtime $(du -sh "$dir/runtime" | cut -f1), lib $(du -sh "$dir/lib" | cut -f1)"
