#!/bin/sh
# The `dotnet` of the ARM64 test run. There is no ARM64 `dotnet` here, so this stands in for it, running ARM64 apps
# under QEMU with the self-contained ARM64 runtime beside them. Two callers:
#
# - vstest (RunConfiguration.DotNetHostPath): .ci/arm64.sh runs `dotnet test` on x64, and vstest starts the test host
#   as   <this> exec --runtimeconfig <tests>.runtimeconfig.json --depsfile <tests>.deps.json <dir>/testhost.dll <args>
#   This runs <dir>/testhost, an ARM64 app host for testhost.dll that .ci/arm64.sh writes there, with the test
#   project's runtimeconfig and deps files beside it under testhost's name (what `dotnet exec` would do with them).
# - a test that starts a .NET child process through DOTNET_HOST_PATH (WeightsCrashTests: `dotnet <app>.dll <args>`):
#   this runs the app's own ARM64 app host, <app>, built beside <app>.dll.
set -eu
# W^X makes the JIT remap pages, which QEMU's user mode does not emulate well enough: test discovery dies with
# "Illegal instruction" without this.
export DOTNET_EnableWriteXorExecute=0
# Children of the test host start through this script too, not through the x64 dotnet that ran vstest.
DOTNET_HOST_PATH="$(readlink -f "$0")"
export DOTNET_HOST_PATH
# Run as the multiarch ARM64 libc (libc6:arm64) is installed, so without `-L /usr/aarch64-linux-gnu`: with both, QEMU
# spins forever.
if [ "${1:-}" = exec ]; then
    [ "${2:-}" = --runtimeconfig ] && [ "${4:-}" = --depsfile ] || { echo "dotnet-qemu.sh: unexpected arguments: $*" >&2; exit 2; }
    runtimeconfig="$3" deps="$5" testhost="$6"
    shift 6
    dir="$(dirname "$testhost")"
    cp "$runtimeconfig" "$dir/testhost.runtimeconfig.json"
    cp "$deps" "$dir/testhost.deps.json"
    exec qemu-aarch64-static "$dir/testhost" "$@"
fi
case "${1:-}" in
    *.dll) app="${1%.dll}"; shift; exec qemu-aarch64-static "$app" "$@" ;;
    *) echo "dotnet-qemu.sh: unexpected arguments: $*" >&2; exit 2 ;;
esac
