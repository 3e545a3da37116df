#!/usr/bin/env bash
# Builds the RTNeural peer of the recurrent benchmarks (rtneural_bench.cpp), once per RTNeural backend:
#   rtneural_bench_eigen, rtneural_bench_xsimd, rtneural_bench_stl   in OUT (default: BenchmarkDotNet.Artifacts/rtneural
#   under the repository root, ignored by git).
# RTNeural is header-only and not part of this repository: get it from its GitHub repository
# (jatinchowdhury18/RTNeural, BSD-3-Clause) and point RTNEURAL_DIR at the folder that holds RTNeural/RTNeural.h.
# Its backends come from Debian: libeigen3-dev (Eigen 3.4) and libxsimd-dev
# (xsimd 8.1), with nlohmann-json3-dev for RTNeural's JSON loader (not used here, but included by its headers);
# this script installs them with apt-get when missing (as root).
# Flags: RTNeural's own CMake builds Release (-O3) with RTNEURAL_DEFAULT_ALIGNMENT 32 when AVX is on
# (RTNEURAL_USE_AVX); here -O3 -march=native (so Eigen and xsimd use this CPU's widest vectors, AVX-512 where
# present) and alignment 32 (RTNeural accepts 8, 16 or 32). Override with CXXFLAGS_RTNEURAL.
# Usage: tests/StaticNets.Benchmarks/Rtneural/build.sh [OUT]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
out="${1:-$root/BenchmarkDotNet.Artifacts/rtneural}"
rtneural="${RTNEURAL_DIR:-}"
flags="${CXXFLAGS_RTNEURAL:--std=c++17 -O3 -march=native -DNDEBUG -DRTNEURAL_DEFAULT_ALIGNMENT=32}"
cxx="${CXX:-g++}"

if [[ -z "$rtneural" || ! -f "$rtneural/RTNeural/RTNeural.h" ]]; then
  echo "RTNeural not found: set RTNEURAL_DIR to a checkout of github.com/jatinchowdhury18/RTNeural (the folder holding RTNeural/RTNeural.h)" >&2
  exit 1
fi

missing=()
command -v "$cxx" >/dev/null || missing+=(g++)
[[ -f /usr/include/eigen3/Eigen/Dense ]] || missing+=(libeigen3-dev)
[[ -f /usr/include/xsimd/xsimd.hpp ]] || missing+=(libxsimd-dev)
[[ -f /usr/include/nlohmann/json.hpp ]] || missing+=(nlohmann-json3-dev)
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "== installing ${missing[*]} (apt-get)"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi

mkdir -p "$out/shim/include/shim" "$out/shim/modules/json"
# RTNeural's model_loader.h includes "../modules/json/json.hpp" (its vendored nlohmann/json). A checkout from GitHub
# has it; where it is absent, the quoted include falls back to the -I folders, so shim/include/../modules/json/json.hpp
# forwards it to Debian's nlohmann-json3-dev.
echo '#include <nlohmann/json.hpp>' > "$out/shim/modules/json/json.hpp"
# RTNeural calls xsimd::reduce_add (xsimd >= 9); Debian 12's xsimd 8.1 names the horizontal sum hadd.
cat > "$out/shim/include/shim/xsimd_compat.h" <<'H'
#include <xsimd/xsimd.hpp>
#include <xsimd/config/xsimd_config.hpp>
#if XSIMD_VERSION_MAJOR < 9
namespace xsimd
{
template <class T, class A>
inline T reduce_add(batch<T, A> const& x) noexcept { return hadd(x); }
}
#endif
H

echo "RTNeural: $rtneural; $cxx $($cxx -dumpfullversion); flags: $flags"
for backend in eigen xsimd stl; do
  case $backend in
    eigen) defs=(-DRTNEURAL_USE_EIGEN=1 -I/usr/include/eigen3) ;;
    xsimd) defs=(-DRTNEURAL_USE_XSIMD=1 -include shim/xsimd_compat.h) ;;
    stl) defs=() ;;
  esac
  # shellcheck disable=SC2086
  "$cxx" $flags "${defs[@]}" -I"$rtneural" -I"$out/shim/include" -w "$here/rtneural_bench.cpp" -o "$out/rtneural_bench_$backend"
  echo "built $out/rtneural_bench_$backend (${defs[*]:-STL})"
done
echo "$flags" > "$out/flags.txt"
