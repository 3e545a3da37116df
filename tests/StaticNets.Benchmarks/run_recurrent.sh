#!/usr/bin/env bash
# The recurrent benchmarks in one go (docs/performance.md, "Recurrent benchmarks (peers)"):
#   1. installs what the peers need with apt-get when missing (python3-numpy for the independent double reference,
#      python3-torch + libopenblas0 for PyTorch, libeigen3-dev + libxsimd-dev + nlohmann-json3-dev + g++ for RTNeural),
#   2. builds the RTNeural peer for each backend (Rtneural/build.sh; RTNEURAL_DIR points at RTNeural's headers,
#      get them from github.com/jatinchowdhury18/RTNeural; without RTNEURAL_DIR the RTNeural peer is skipped),
#   3. runs `StaticNets.Benchmarks recurrent`: writes the cases (Keras-order weights and inputs) to
#      BenchmarkDotNet.Artifacts/recurrent/cases, checks every implementation's outputs against the C# and NumPy
#      double-precision references (exit 1 on a mismatch), then times them side by side in interleaved rounds and
#      prints the table and the targets' bars.
# Usage: tests/StaticNets.Benchmarks/run_recurrent.sh [--skip-pytorch] [--skip-rtneural] [extra `recurrent` options,
#        e.g. --rounds 15, --no-interleaved, --clock wall]
# Output: the report on stdout and in BenchmarkDotNet.Artifacts/recurrent/report.md, the whole log in
# BenchmarkDotNet.Artifacts/recurrent/run.log (ignored by git). About 2-3 minutes once everything is installed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
artifacts="$root/BenchmarkDotNet.Artifacts/recurrent"
mkdir -p "$artifacts"
exec > >(tee "$artifacts/run.log") 2>&1

skip_pytorch=0
skip_rtneural=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --skip-pytorch) skip_pytorch=1; shift ;;
    --skip-rtneural) skip_rtneural=1; shift ;;
    *) break ;;
  esac
done

packages=()
/usr/bin/python3 -c 'import numpy' 2>/dev/null || packages+=(python3-numpy)
if [[ $skip_pytorch == 0 ]]; then
  /usr/bin/python3 -c 'import torch' 2>/dev/null || packages+=(python3-torch)
  ls /usr/lib/x86_64-linux-gnu/openblas-*/libopenblas.so.0 >/dev/null 2>&1 || packages+=(libopenblas0)
fi
if [[ ${#packages[@]} -gt 0 ]]; then
  echo "== installing ${packages[*]} (apt-get)"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}" >/dev/null
fi

args=()
if [[ $skip_rtneural == 0 && -z "${RTNEURAL_DIR:-}" ]]; then
  echo "== RTNeural peer skipped: set RTNEURAL_DIR to a checkout of github.com/jatinchowdhury18/RTNeural to include it"
  skip_rtneural=1
fi
if [[ $skip_rtneural == 0 ]]; then
  echo "== RTNeural peer (Rtneural/build.sh)"
  "$here/Rtneural/build.sh" "$root/BenchmarkDotNet.Artifacts/rtneural"
  args+=(--rtneural "$root/BenchmarkDotNet.Artifacts/rtneural")
fi
[[ $skip_pytorch == 1 ]] && args+=(--no-pytorch)

echo "== C# recurrent suite (dotnet run -c Release)"
cd "$root"
dotnet run -c Release --project "$here" -- recurrent "${args[@]}" --report "$artifacts/report.md" "$@"
