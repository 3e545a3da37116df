#!/usr/bin/env bash
# Smoke run of samples/Tutorials: all three tutorials for one epoch on 1,000 training samples, then checks that each
# one printed its closing lines and wrote its plots (PNG files, not empty). Installs Debian's dataset-fashion-mnist
# when it is missing (the autoencoder's data). The whole runs are in samples/Tutorials/README.md, not here.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! [ -d /usr/share/datasets/fashion-mnist ]; then
    echo "== install Debian's dataset-fashion-mnist"
    as_root apt-get update -q >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends dataset-fashion-mnist >/dev/null
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
dotnet run -c Release --project samples/Tutorials -- all --epochs 1 --limit 1000 --out "$out" | tee "$out/output.txt"

fail=0
expect_line() {
    if grep -q -- "$1" "$out/output.txt"; then echo "PASS printed: $1"; else echo "FAIL not printed: $1"; fail=1; fi
}
expect_line "dnn_model  "
expect_line "the same as before: True"
expect_line "Combined "
expect_line "largest difference 0.0e0"
for png in regression_dnn_model_loss regression_horsepower_model_line regression_predictions overfit_large \
           overfit_sizes overfit_regularizers autoencoder_loss autoencoder_upsampling_loss autoencoder_denoised; do
    if [ -s "$out/$png.png" ] && [ "$(head -c 8 "$out/$png.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
        echo "PASS $png.png"
    else
        echo "FAIL $png.png missing or not a PNG"
        fail=1
    fi
done
exit $fail
