#!/usr/bin/env bash
# The one command a session with a GPU machine runs there (backend-cuda13/README.md, "On the borrowed GPU machine").
# That machine has no Java and no network, so the bundle is built beforehand, in the checkout the device tool
# sends, into the ignored folder .gpu-bundle (about 33 MB; the tool carries at most 64 MiB in all):
#   here:    scripts/gpu-bundle.sh .gpu-bundle
#   there:   bash scripts/device-check.sh        (device tool: carry [".gpu-bundle"], timeout_s 540)
# It runs gpu-check (kernels, 100 steps of every optimizer against nn-core, a training session against the CPU
# reference, then W1, W2 and the Fashion-MNIST epoch timed beside PyTorch eager and torch.compile), stops it after
# 8 minutes, and ends with gpu-check's comparison table and its pass/fail line.
#   bash scripts/device-check.sh --dry-run [BUNDLE]   the same script on the CPU: gpu-check --reference, and
#                                                      torch_mlp.py --cpu where python3 has torch (CI runs it)
# Writes nvidia-smi.txt and gpu-check.log to $OUT (or /tmp/neuronkit-device-check); exit status is gpu-check's
# (0 passed, 1 a check failed, 2 no usable GPU, 124 stopped after 8 minutes).
set -uo pipefail
cd "$(dirname "$0")/.."
dry_run=false
if [[ ${1:-} == --dry-run ]]; then
  dry_run=true
  shift
fi
out=${OUT:-/tmp/neuronkit-device-check}
bundle=${1:-.gpu-bundle}
limit=${DEVICE_CHECK_SECONDS:-480}
mkdir -p "$out"
log="$out/gpu-check.log"
if [[ ! -x "$bundle/gpu-check" ]]; then
  echo "device-check: no bundle at $bundle: build it with scripts/gpu-bundle.sh $bundle and carry that folder" | tee "$log"
  exit 2
fi
if $dry_run; then
  PYTHONUNBUFFERED=1 timeout "$limit" "$bundle/gpu-check" --reference > "$log" 2>&1
  rc=$?
  if python3 -c 'import torch' >/dev/null 2>&1; then
    python3 "$bundle/torch_mlp.py" --cpu >> "$log" 2>&1 || rc=1
  else
    echo "device-check: python3 has no torch here; torch_mlp.py --cpu not run" >> "$log"
  fi
else
  nvidia-smi > "$out/nvidia-smi.txt" 2>&1 || echo "nvidia-smi failed or is missing" >> "$out/nvidia-smi.txt"
  PYTHONUNBUFFERED=1 timeout "$limit" "$bundle/gpu-check" > "$log" 2>&1
  rc=$?
fi
# the whole log, then its table and verdicts last, where a truncated transcript still shows them
cat "$log"
echo
echo "== device-check summary ($($dry_run && echo "CPU dry run" || echo GPU))"
grep -E '^ *\|' "$log" | sed 's/^ *//'
grep -E '^(FAIL|goal)|[0-9]+ passed, [0-9]+ failed' "$log" | sed 's/^ *//'
[[ $rc == 124 ]] && echo "device-check: gpu-check stopped after $limit s"
echo "device-check: gpu-check exit status $rc" | tee -a "$log"
exit "$rc"
