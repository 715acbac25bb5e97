#!/usr/bin/env bash
# The one command a session with a GPU machine runs there (backend-cuda13/README.md, "On the borrowed GPU machine").
# That machine has no Java and no network, so the bundle is built beforehand, in the checkout the device tool
# sends, into the ignored folder .gpu-bundle (33 MB; the tool carries at most 64 MiB in all):
#   here:    scripts/gpu-bundle.sh .gpu-bundle
#   there:   bash scripts/device-check.sh        (device tool: carry [".gpu-bundle"], timeout_s 540)
# Writes nvidia-smi.txt and gpu-check.log to $OUT (or /tmp/neuronkit-device-check); exit status is gpu-check's.
set -uo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-/tmp/neuronkit-device-check}
bundle=${1:-.gpu-bundle}
mkdir -p "$out"
if [[ ! -x "$bundle/gpu-check" ]]; then
  echo "device-check: no bundle at $bundle: build it with scripts/gpu-bundle.sh $bundle and carry that folder" | tee "$out/gpu-check.log"
  exit 2
fi
nvidia-smi > "$out/nvidia-smi.txt" 2>&1 || echo "nvidia-smi failed or is missing" >> "$out/nvidia-smi.txt"
PYTHONUNBUFFERED=1 timeout 480 "$bundle/gpu-check" 2>&1 | tee "$out/gpu-check.log"
rc=${PIPESTATUS[0]}
echo "device-check: gpu-check exit status $rc" | tee -a "$out/gpu-check.log"
exit "$rc"
