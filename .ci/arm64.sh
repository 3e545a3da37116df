#!/usr/bin/env bash
# ARM64 check: StaticNets on linux-arm64 (the CPU of phones, and of Arm servers and Macs), under QEMU's user-mode
# emulation, on this x64 machine. On ARM64, .NET accelerates Vector128 (AdvSimd, with fused multiply-add) and not
# Vector256/512, so the generated networks run their 128-bit kernels: that is what this checks.
#   1. installs what it needs when it is missing (Debian): qemu-user-static; the ARM64 C and C++ runtimes, OpenSSL
#      and ICU as multiarch packages (libc6:arm64 ...), for the emulated processes; clang and the aarch64 cross binutils and
#      libc for NativeAOT's cross link;
#   2. the golden cases (tests/arm64/GoldenRunner) natively as a reference, as an ARM64 JIT app, then as an ARM64
#      NativeAOT binary (failing on any trimming/AOT warning), each printing which vector widths the process
#      accelerates; then which runs computed bit-identical values;
#   3. the test suites, unchanged, built for linux-arm64 (tests/arm64/Arm64.Build.props) and run by `dotnet test` with
#      the test host under QEMU (tests/arm64/dotnet-qemu.sh as vstest's DotNetHostPath).
# Usage: .ci/arm64.sh [--suites full|ci|golden]
#   full (default): the golden cases, all of StaticNets.Tests and StaticNets.Generator.Tests except the generator's
#     fuzz and timing tests (they exercise the compiler-side generator, the same IL on any CPU, and would take over an
#     hour under emulation: the fuzz test alone takes 2-3 minutes natively); about 6 minutes here (18 while
#     other builds keep both cores busy).
#   ci (what .ci/run runs): the golden cases, all of StaticNets.Tests, and the generator tests that compile generated
#     networks and run them (CompileAndRunTests: every kernel width against a naive reference; EdgeNetworkTests).
#   golden: the golden cases only, in about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

usage() { echo "usage: .ci/arm64.sh [--suites full|ci|golden]"; exit 2; }
suites=full
while [ $# -gt 0 ]; do
    case "$1" in
        --suites) [ $# -ge 2 ] || usage; suites="$2"; shift 2 ;;
        *) usage ;;
    esac
done
generator=StaticNets.Generator.Tests
case "$suites" in
    full) projects=(tests/StaticNets.Tests tests/$generator)
          generator_filter="FullyQualifiedName!~$generator.FuzzTests&FullyQualifiedName!~$generator.GeneratorTimingTests" ;;
    ci) projects=(tests/StaticNets.Tests tests/$generator)
        generator_filter="FullyQualifiedName~$generator.CompileAndRunTests|FullyQualifiedName~$generator.EdgeNetworkTests" ;;
    golden) projects=() ;;
    *) usage ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
start=$SECONDS
step() { echo "== $1 ($((SECONDS - start)) s)"; }

# The emulated processes find the ARM64 libraries where multiarch puts them (/lib/aarch64-linux-gnu), so QEMU runs
# without `-L /usr/aarch64-linux-gnu`: with multiarch libc6:arm64 installed AND -L given, QEMU spins forever.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
packages=(qemu-user-static libc6:arm64 libstdc++6:arm64 libssl3:arm64 libicu72:arm64 clang gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    step "install ${missing[*]}"
    dpkg --print-foreign-architectures | grep -qx arm64 || as_root dpkg --add-architecture arm64
    as_root apt-get update -q >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "$(qemu-aarch64-static --version | head -1)"

# W^X makes the JIT remap pages, which QEMU's user mode does not emulate well enough ("Illegal instruction" in test
# discovery); the NativeAOT binary does not care.
export DOTNET_EnableWriteXorExecute=0

# The same program natively first, as the reference for the comparison at the end: x64 with its widest kernels
# (Vector512 on an AVX-512 machine), and restricted to the Vector128 kernels that ARM64 runs.
step "golden cases, x64 reference (JIT)"
dotnet build tests/arm64/GoldenRunner -c Release -nologo -v q -p:GoldenRunnerRid=linux-x64 >"$work/x64-build.log" 2>&1 || { cat "$work/x64-build.log"; echo "FAILED: build tests/arm64/GoldenRunner for linux-x64"; exit 1; }
x64=tests/arm64/GoldenRunner/bin/Release/net10.0/linux-x64/GoldenRunner
"$x64" >"$work/x64.txt" || { cat "$work/x64.txt"; echo "FAILED: the golden cases on x64"; exit 1; }
DOTNET_PreferredVectorBitWidth=128 "$x64" >"$work/x64-128.txt" || { cat "$work/x64-128.txt"; echo "FAILED: the golden cases on x64 at Vector128"; exit 1; }
sed -n '2p;$p' "$work/x64.txt"
sed -n '2p;$p' "$work/x64-128.txt"

step "golden cases, ARM64 JIT (self-contained linux-arm64 build under QEMU)"
dotnet build tests/arm64/GoldenRunner -c Release -nologo -v q >"$work/golden-build.log" 2>&1 || { cat "$work/golden-build.log"; echo "FAILED: build tests/arm64/GoldenRunner"; exit 1; }
jit=tests/arm64/GoldenRunner/bin/Release/net10.0/linux-arm64/GoldenRunner
file -b "$jit" | grep -q 'ARM aarch64' || { echo "FAILED: $jit is not an ARM64 executable"; exit 1; }
t=$SECONDS
qemu-aarch64-static "$jit" | tee "$work/arm64-jit.txt"
[ "${PIPESTATUS[0]}" = 0 ] || { echo "FAILED: the golden cases under the ARM64 JIT"; exit 1; }
echo "(ran in $((SECONDS - t)) s under QEMU)"

step "golden cases, ARM64 NativeAOT (cross-compiled, run under QEMU)"
if ! dotnet publish tests/arm64/GoldenRunner -c Release -nologo -o "$work/aot" >"$work/golden-publish.log" 2>&1; then
    cat "$work/golden-publish.log"
    echo "FAILED: NativeAOT publish of tests/arm64/GoldenRunner for linux-arm64"
    exit 1
fi
if grep -E '\bIL[23][0-9]{3}\b' "$work/golden-publish.log"; then
    echo "FAILED: trimming/AOT warnings in the publish output (above)"
    exit 1
fi
aot="$work/aot/GoldenRunner"
file -b "$aot" | grep -q 'ARM aarch64' || { echo "FAILED: $aot is not an ARM64 executable"; exit 1; }
echo "no IL2xxx/IL3xxx warnings; binary $(( ($(stat -c %s "$aot") + 512) / 1024 )) KiB"
t=$SECONDS
qemu-aarch64-static "$aot" | tee "$work/arm64-aot.txt"
[ "${PIPESTATUS[0]}" = 0 ] || { echo "FAILED: the golden cases as an ARM64 NativeAOT binary"; exit 1; }
echo "(ran in $((SECONDS - t)) s under QEMU)"

# Bits, not tolerances: each run hashes every value it computed, per case and in all (GoldenRunner's digests).
step "golden cases: which runs computed the same bits"
digest() { sed -n 's/^digest of all .* values: //p' "$1"; }
cases() { grep -c "^PASS" "$1"; }
same_cases() { join <(sed -n 's/^PASS \([^ ]*\) .*digest \(.*\)$/\1 \2/p' "$1" | sort) <(sed -n 's/^PASS \([^ ]*\) .*digest \(.*\)$/\1 \2/p' "$2" | sort) | awk '$2 == $3' | wc -l; }
compare() { # compare <label> <file> <file>
    if [ "$(digest "$2")" = "$(digest "$3")" ]; then echo "$1: bit-identical, all $(cases "$2") cases"
    else echo "$1: $(same_cases "$2" "$3") of $(cases "$2") cases bit-identical, the others differ in the last bits (within the tolerances above)"; fi
}
compare "ARM64 NativeAOT against ARM64 JIT" "$work/arm64-aot.txt" "$work/arm64-jit.txt"
compare "ARM64 JIT against x64 running the same Vector128 kernels" "$work/arm64-jit.txt" "$work/x64-128.txt"
compare "ARM64 JIT against x64 at its widest ($(sed -n 's/.*generated kernels run at //p' "$work/x64.txt"))" "$work/arm64-jit.txt" "$work/x64.txt"

# vstest starts the test host through dotnet-qemu.sh, which runs `testhost`, an ARM64 app host for testhost.dll:
# the SDK's own linux-arm64 app host (restored with the runtime packs above) with its app path set, as the SDK
# writes it into every app host (a fixed 64-byte placeholder, replaced by the path and a NUL).
packages_folder="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')"
write_testhost() { # write_testhost <test output folder>
    local folder="$1" version apphost
    # The runtime's version, from the test project's runtimeconfig.json: the line after its name.
    version="$(sed -n '/"name": "Microsoft.NETCore.App"/{n;s/.*"version": "\([^"]*\)".*/\1/p;}' "$folder"/*.runtimeconfig.json | head -1)"
    apphost="$packages_folder/microsoft.netcore.app.host.linux-arm64/$version/runtimes/linux-arm64/native/apphost"
    [ -f "$apphost" ] || { echo "FAILED: no linux-arm64 app host at $apphost"; exit 1; }
    perl -e '
        my ($source, $target, $app) = @ARGV;
        open my $in, "<:raw", $source or die "$source: $!\n"; local $/; my $host = <$in>; close $in;
        my $placeholder = "c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2";
        my $at = index($host, $placeholder);
        die "no app path placeholder in $source\n" if $at < 0;
        substr($host, $at, length($app) + 1) = "$app\0";
        open my $out, ">:raw", $target or die "$target: $!\n"; print $out $host; close $out or die "$target: $!\n";
        chmod 0755, $target;
    ' "$apphost" "$folder/testhost" testhost.dll
}

for project in "${projects[@]}"; do
    name="$(basename "$project")"
    step "$name, ARM64 JIT: build for linux-arm64"
    props="-p:DirectoryBuildPropsPath=$root/tests/arm64/Arm64.Build.props"
    dotnet build "$project" -c Release -nologo -v q "$props" >"$work/$name-build.log" 2>&1 || { cat "$work/$name-build.log"; echo "FAILED: build $project for linux-arm64"; exit 1; }
    output="$project/bin/arm64/Release/net10.0/linux-arm64"
    write_testhost "$output"
    step "$name, ARM64 JIT: dotnet test with the test host under QEMU"
    filter=()
    [ "$name" = "$generator" ] && filter=(--filter "$generator_filter")
    t=$SECONDS
    dotnet test "$project" -c Release --no-build -nologo "$props" "${filter[@]}" -- RunConfiguration.DotNetHostPath="$root/tests/arm64/dotnet-qemu.sh"
    echo "($name ran in $((SECONDS - t)) s under QEMU)"
done

echo "== ARM64 check passed in $((SECONDS - start)) s"
