#!/usr/bin/env bash
# End-to-end check of `staticnets import`: run the tool (dotnet run, as a user would in the repo) on committed Keras
# fixtures, build a fresh consumer project from its output with the repo's runtime and generator, and check that
#   - the consumer predicts Keras's outputs with `new Name()` + `LoadWeights("Name.weights")` (JIT),
#   - an `--embed` import runs as a NativeAOT binary with no weights file beside it, with no trimming/AOT warnings,
#   - a refused model makes the tool exit with 2 and write nothing.
# Too slow for `dotnet test` (two builds and a NativeAOT publish); needs a C toolchain for the native link.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
fixtures="$repo/tests/StaticNets.Keras.Tests/Fixtures"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tool() { dotnet run --project "$repo/src/StaticNets.Tool" -- "$@"; }

echo "== staticnets import (three fixtures, one of them --embed)"
consumer="$work/consumer"
mkdir -p "$consumer"
tool import "$fixtures/synthetic/cnn/cnn.h5" --class Cnn --namespace Consumer --out "$consumer"
tool import "$fixtures/k2_simplernn_dl4j/simple_rnn_tf_keras_2_model.h5" --class SimpleRnn --namespace Consumer --out "$consumer"
tool import "$fixtures/synthetic/lstm/lstm.weights.h5" --config "$fixtures/synthetic/lstm/model.json" --class EmbeddedLstm --namespace Consumer --out "$consumer" --embed
rm "$consumer/EmbeddedLstm.weights"   # the embedded model must not need it

cat > "$consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <PublishAot>true</PublishAot>
    <InvariantGlobalization>true</InvariantGlobalization>
    <TrimmerSingleWarn>false</TrimmerSingleWarn>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/src/StaticNets/StaticNets.csproj" />
    <ProjectReference Include="$repo/generator/StaticNets.Generator/StaticNets.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
  </ItemGroup>
</Project>
XML
cat > "$consumer/Program.cs" <<'CS'
using System.Text.Json;
using StaticNets;
using Consumer;

// Usage: Consumer <folder with the .weights files | --embedded-only> <expected json>...
int failures = 0;
if (args[0] != "--embedded-only")
{
    failures += Check("Cnn", Load(new Cnn(), "Cnn.weights"), args[1], null);
    failures += Check("SimpleRnn", Load(new SimpleRnn(), "SimpleRnn.weights"), args[2], "dense_1");
}

failures += Check("EmbeddedLstm", EmbeddedLstm.CreateWithWeights(), args[^1], null);
return failures == 0 ? 0 : 1;

INetwork Load(INetwork network, string file)
{
    network.LoadWeights(Path.Combine(args[0], file));
    return network;
}

static int Check(string name, INetwork network, string expectedPath, string? output)
{
    using JsonDocument document = JsonDocument.Parse(File.ReadAllText(expectedPath));
    float[] inputs = Values(document.RootElement.GetProperty("inputs").EnumerateObject().First().Value);
    JsonElement outputs = document.RootElement.GetProperty("outputs");
    float[] expected = Values(output is null ? outputs.EnumerateObject().First().Value : outputs.GetProperty(output));
    var actual = new float[expected.Length];
    network.PredictBatch(inputs, actual);
    double worst = 0;
    for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]) / (1 + Math.Abs(expected[i])));
    Console.WriteLine($"{name}: {expected.Length} outputs, largest relative difference {worst:E2}");
    return worst <= 1e-5 ? 0 : 1;
}

static float[] Values(JsonElement entry)
{
    var values = new List<float>();
    void Walk(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Array) foreach (JsonElement item in e.EnumerateArray()) Walk(item);
        else values.Add((float)e.GetDouble());
    }

    Walk(entry.GetProperty("data"));
    return values.ToArray();
}
CS

expected_cnn="$fixtures/synthetic/cnn/cnn.expected.json"
expected_rnn="$fixtures/k2_simplernn_dl4j/expected_keras.json"
expected_lstm="$fixtures/synthetic/lstm/lstm.expected.json"

echo "== consumer (JIT): new Name() + LoadWeights(Name.weights)"
dotnet run --project "$consumer" -- "$consumer" "$expected_cnn" "$expected_rnn" "$expected_lstm"

echo "== consumer (NativeAOT), embedded weights, run from a folder without weights files"
if ! dotnet publish "$consumer" -c Release -r linux-x64 -o "$work/native" -nologo >"$work/publish.log" 2>&1; then
    cat "$work/publish.log"; echo "FAILED: dotnet publish"; exit 1
fi
if grep -E '\bIL[23][0-9]{3}\b' "$work/publish.log"; then echo "FAILED: trimming/AOT warnings (above)"; exit 1; fi
mkdir -p "$work/empty"
(cd "$work/empty" && "$work/native/Consumer" --embedded-only "$expected_lstm")

echo "== a refused model: exit code 2, one line per problem, nothing written"
mkdir -p "$work/refused"
status=0
tool import "$fixtures/k2_gru_initial_state_fdeep/temp_stateful.h5" --out "$work/refused" 2>"$work/refused.err" || status=$?
cat "$work/refused.err"
test "$status" -eq 2 || { echo "FAILED: exit code $status, expected 2"; exit 1; }
test -z "$(ls -A "$work/refused")" || { echo "FAILED: the tool wrote files for a refused model"; exit 1; }
test "$(wc -l <"$work/refused.err")" -eq 3 || { echo "FAILED: expected 3 problem lines"; exit 1; }
echo "keras import end to end: OK"
