#!/usr/bin/env bash
# Browser test of samples/Browser: StaticNets on .NET's WebAssembly runtime, in headless Chromium, against native.
#   1. installs what it needs when it is missing: Debian's chromium and dataset-fashion-mnist, and playwright-core
#      (npm, from samples/Browser/test/package-lock.json; it drives /usr/bin/chromium, so no browser is downloaded);
#   2. samples/Browser/Trainer trains the classifier natively and writes the page's data (samples/Browser/wwwroot/data,
#      not in git) with the native numbers the page must reproduce (expected.json);
#   3. publishes the page (Release: trimmed; fails on any trimming warning); no workload is needed, the browser
#      runtime pack comes from NuGet;
#   4. samples/Browser/test/browser-test.mjs serves it on 127.0.0.1, drives Chromium, compares, and saves
#      artifacts/browser/screenshot.png and results.json.
# Output: one PASS/FAIL line per check, then `browser test: N passed, M failed`. Exit code 0 only if all pass.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
sample=samples/Browser
out="$root/artifacts/browser"
mkdir -p "$out"
start=$SECONDS
step() { echo "== $1 ($((SECONDS - start)) s)"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v chromium >/dev/null || ! [ -d /usr/share/datasets/fashion-mnist ]; then
    step "install Debian's chromium and dataset-fashion-mnist"
    as_root apt-get update -q >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        chromium dataset-fashion-mnist fonts-dejavu-core >/dev/null
fi
command -v node >/dev/null || { echo "FAILED: the browser test needs Node.js 20 or later (node)"; exit 1; }

step "train the classifier natively, write $sample/wwwroot/data"
dotnet run -c Release --project "$sample/Trainer" -- --out "$sample/wwwroot/data"

step "publish $sample (WebAssembly, Release)"
log="$out/publish.log"
if ! dotnet publish "$sample" -c Release -nologo >"$log" 2>&1; then
    cat "$log"
    echo "FAILED: dotnet publish $sample"
    exit 1
fi
if grep -E '\bIL[23][0-9]{3}\b' "$log"; then
    echo "FAILED: trimming/AOT warnings in the publish output (above)"
    exit 1
fi
site="$sample/bin/Release/net10.0/publish/wwwroot"
echo "no IL2xxx/IL3xxx warnings; site: $site ($(du -sh "$site" | cut -f1), of which _framework $(du -sh "$site/_framework" | cut -f1))"

step "install playwright-core (npm ci)"
(cd "$sample/test" && npm ci --no-audit --no-fund --loglevel=error)

step "drive the page in headless Chromium"
node "$sample/test/browser-test.mjs" "$site" "$out"
echo "== browser test done in $((SECONDS - start)) s"
