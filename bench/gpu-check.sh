#!/usr/bin/env bash
# The compute benches on a GPU machine, in one go: installs what the GPU engines need, prints the engine the worker
# would pick (with why each faster one was skipped), then runs bench/featurevis.ts, bench/training.ts and
# bench/svd.ts. Run from anywhere in a clone: `bash bench/gpu-check.sh` (extra arguments go to every bench).
# On a machine without a GPU it still runs and says that no GPU engine is present. GPU_CHECK_SKIP_BENCHES=1 stops
# after the engine check.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -f "$root/bench/gpu-check.sh" ] || [ ! -f "$root/package.json" ]; then
  echo "gpu-check.sh: cannot find the repository root from ${BASH_SOURCE[0]}; run it as 'bash bench/gpu-check.sh'" >&2
  exit 2
fi
cd "$root"

echo "== machine"
nproc | sed 's/^/cores: /'
if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then
  nvidia-smi -L
  gpu=1
else
  echo "no NVIDIA GPU visible (nvidia-smi absent or finds no device)"
  gpu=0
fi

echo "== install"
if [ ! -d node_modules ]; then
  npm ci || { echo "npm ci failed"; exit 1; }
fi
if [ "$gpu" = 1 ]; then
  # onnxruntime-node's CUDA provider is not in the npm package; its install script fetches it (needs network access).
  if ls node_modules/onnxruntime-node/bin/*/*/*/libonnxruntime_providers_cuda.so >/dev/null 2>&1; then
    echo "onnxruntime-node's CUDA provider is installed"
  else
    ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node --foreground-scripts \
      || echo "could not fetch onnxruntime-node's CUDA provider (offline?); the engine check below says what is missing"
  fi
fi

echo "== engine"
npx tsx --eval "import('@branchscope/ort-engine').then(({ pickEngine }) => pickEngine()).then((e) => console.log('engine chosen: ' + e.name + (e.name === 'ort-cuda' || e.name === 'tfjs-node-gpu' || e.name === 'tfjs-webgpu' ? '' : ' (no GPU engine is present)')))" \
  || echo "the engine check failed"

if [ "${GPU_CHECK_SKIP_BENCHES:-0}" = 1 ]; then
  echo "benches skipped (GPU_CHECK_SKIP_BENCHES=1)"
  exit 0
fi
status=0
for bench in featurevis training svd; do
  echo "== bench/$bench.ts"
  if [ -f "bench/$bench.ts" ]; then
    npx tsx "bench/$bench.ts" "$@" || { echo "bench/$bench.ts failed"; status=1; }
  else
    echo "bench/$bench.ts is not in this checkout"
  fi
done
exit $status
