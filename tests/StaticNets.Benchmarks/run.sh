#!/usr/bin/env bash
# Runs the whole comparison in one go and prints one combined table:
#   1. PyTorch peer (Debian's python3-torch with OpenBLAS; installed here if missing): a grid over threads and
#      OpenBLAS kernels that finds PyTorch's best configuration per measure,
#   2. the C# suite: agreement check, interleaved side-by-side timing (PyTorch joins in its best configurations),
#      BenchmarkDotNet (short job, allocations), then the combined report with ratios and the targets of docs/performance.md.
# Usage: tests/StaticNets.Benchmarks/run.sh [--skip-pytorch] [--fashion-only] [extra StaticNets.Benchmarks arguments, e.g. --filter '*NetB*']
#   --fashion-only: only the Fashion-MNIST tutorial MLP epoch against PyTorch's (about 3 minutes): the PyTorch grid for
#   that measure, then its interleaved rounds, no BenchmarkDotNet. Uses the real data if dataset-fashion-mnist is installed.
# The recurrent benchmarks (LSTM/GRU against RTNeural, ONNX Runtime, PyTorch) are run_recurrent.sh; `run.sh --recurrent
# [...]` runs that instead.
# Output: the report on stdout and in BenchmarkDotNet.Artifacts/report.md, the whole log in
# BenchmarkDotNet.Artifacts/run.log (under the repository root; ignored by git).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
artifacts="$root/BenchmarkDotNet.Artifacts"
mkdir -p "$artifacts"
exec > >(tee "$artifacts/run.log") 2>&1

skip_pytorch=0
fashion_only=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --skip-pytorch) skip_pytorch=1; shift ;;
    --fashion-only) fashion_only=1; shift ;;
    --recurrent) shift; exec "$here/run_recurrent.sh" "$@" ;;
    *) break ;;
  esac
done
measure_args=()
suite_args=()
if [[ $fashion_only == 1 ]]; then
  measure_args=(--measures fmnist.epoch)
  suite_args=(--groups fashion --no-bdn)
fi

# The Fashion-MNIST epoch times the real training images when Debian ships them to this machine (else random data).
if [[ ! -e /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]]; then
  echo "== installing dataset-fashion-mnist (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q dataset-fashion-mnist >/dev/null \
    || echo "   (not installed: the Fashion-MNIST epoch runs on random data of the same shape)"
fi

pytorch_args=()
if [[ $skip_pytorch == 0 ]]; then
  # PyTorch 1.13 from Debian; libopenblas0 so torch's BLAS is OpenBLAS, not the reference BLAS.
  if ! /usr/bin/python3 -c 'import torch' 2>/dev/null || ! ls /usr/lib/x86_64-linux-gnu/openblas-*/libopenblas.so.0 >/dev/null 2>&1; then
    echo "== installing python3-torch and libopenblas0 (apt-get)"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-torch libopenblas0 >/dev/null
  fi
  echo "== PyTorch peer"
  /usr/bin/python3 "$here/pytorch_bench.py" "${measure_args[@]}" --output "$artifacts/pytorch.tsv"
  pytorch_args=(--pytorch "$artifacts/pytorch.tsv" --pytorch-script "$here/pytorch_bench.py")
fi

echo "== C# suite (dotnet run -c Release)"
cd "$root"
dotnet run -c Release --project "$here" -- "${pytorch_args[@]}" "${suite_args[@]}" --report "$artifacts/report.md" "$@"
