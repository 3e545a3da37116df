#!/usr/bin/env bash
# NativeAOT smoke test: publish samples/AotInference for linux-x64, fail on any trimming (IL2xxx) or AOT (IL3xxx)
# warning, run the native binary and compare its output with the expected text, check that single-sample Predict
# allocates nothing, and print the binary's size and start-up time. A second publish roots the whole runtime library
# and the sample's assembly, so that every method of them (the generated training code too), not only those the sample
# reaches, is compiled and checked by ILC.
#
# Needs a C toolchain for the native link: ILC uses clang, or gcc when no `clang` is on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sample=samples/AotInference

# Fresh intermediate files for the sample, so ILC runs and prints its warnings even when an earlier publish is up to
# date. (The libraries need no such care: TreatWarningsAsErrors turns any compiler warning into a build error.)
publish() { # publish <output folder> <log file> [extra msbuild arguments...]
    local output="$1" log="$2"
    shift 2
    rm -rf "$sample/obj/Release/net10.0/linux-x64" "$sample/bin/Release/net10.0/linux-x64"
    if ! dotnet publish "$sample" -c Release -r linux-x64 -o "$output" -nologo "$@" >"$log" 2>&1; then
        cat "$log"
        echo "FAILED: dotnet publish $sample $*"
        exit 1
    fi
    if grep -E '\bIL[23][0-9]{3}\b' "$log"; then
        echo "FAILED: trimming/AOT warnings in the publish output (above)"
        exit 1
    fi
}

echo "== publish $sample (NativeAOT, linux-x64)"
publish "$work/app" "$work/publish.log"
binary="$work/app/AotInference"
test -x "$binary" || { echo "FAILED: no native binary at $binary"; exit 1; }
echo "no IL2xxx/IL3xxx warnings"

echo "== run the native binary"
expected='[5.1, 3.5, 1.4, 0.2] -> setosa     scores [2.00, 0.00, -1.00]
[4.9, 3.0, 1.4, 0.2] -> setosa     scores [2.00, 0.00, -1.00]
[7.0, 3.2, 4.7, 1.4] -> versicolor scores [0.00, 1.00, 0.00]
[6.4, 3.2, 4.5, 1.5] -> versicolor scores [0.00, 1.00, 0.00]
[6.3, 3.3, 6.0, 2.5] -> virginica  scores [0.00, 0.00, 1.00]
[5.8, 2.7, 5.1, 1.9] -> virginica  scores [0.00, 0.00, 1.00]
all predictions match the decision tree'
status=0
actual="$("$binary")" || status=$?
echo "$actual"
if [ "$status" -ne 0 ]; then echo "FAILED: the native binary exited with $status"; exit 1; fi
if [ "$actual" != "$expected" ]; then
    diff <(echo "$expected") <(echo "$actual") || true
    echo "FAILED: the native binary's output differs from the expected text (diff above: < expected, > actual)"
    exit 1
fi

echo "== single-sample Predict of the 784-128-64-10 network (native binary, default instruction set)"
"$binary" --bench 1 || { echo "FAILED: --bench (a non-zero exit means Predict allocated)"; exit 1; }

echo "== size and start-up time"
size="$(stat -c %s "$binary")"
echo "binary size: $size bytes ($(( (size + 512) / 1024 )) KiB)"
times=()
for _ in $(seq 10); do
    start="$(date +%s%N)"
    "$binary" >/dev/null
    end="$(date +%s%N)"
    times+=("$(( (end - start) / 1000 ))")
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "start-up to exit, 10 runs: median $(( (sorted[4] + sorted[5]) / 2 )) us (min ${sorted[0]} us, max ${sorted[9]} us)"

echo "== publish again with all of StaticNets.dll and AotInference.dll rooted (RootAllOfStaticNets=true)"
publish "$work/rooted" "$work/rooted.log" -p:RootAllOfStaticNets=true
echo "no IL2xxx/IL3xxx warnings in any method of StaticNets.dll or of the generated networks"

echo "== AOT smoke test passed"
