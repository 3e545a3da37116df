// The golden Keras (TensorFlow.js) cases of tests/StaticNets.Tests/Golden, checked without a test framework, so that
// the same checks run under the JIT and as a NativeAOT binary, on whatever CPU this runs on (.ci/arm64.sh: linux-arm64
// under QEMU). For each case: the constants and Summary(), PredictBatch, Predict one sample at a time, the loss and
// gradients of ComputeGradients, one SGD step and the Adam steps, each against the file with the file's tolerance
// (|actual − expected| ≤ abs + rel·|expected|), as tests/StaticNets.Tests does. Exit code 0 when all pass.
using System;
using System.Collections.Generic;
using System.IO;
using System.Numerics;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;
using StaticNets;
using StaticNets.Tests.Networks;

Console.WriteLine($"runtime: .NET {Environment.Version}, {RuntimeInformation.ProcessArchitecture}, " +
    // JitInfo counts the methods the JIT compiled: none in a NativeAOT binary. (RuntimeFeature.IsDynamicCodeSupported
    // would not tell: PublishAot in the project file turns it off in the JIT build's runtimeconfig too.)
    (JitInfo.GetCompiledMethodCount() > 0 ? "JIT" : "NativeAOT") + $", {RuntimeInformation.OSDescription}");
Console.WriteLine(VectorWidths.Describe());

var names = new List<string>();
foreach (string resource in Assembly.GetExecutingAssembly().GetManifestResourceNames())
{
    if (resource.StartsWith("Golden/", StringComparison.Ordinal) && resource.EndsWith(".json", StringComparison.Ordinal))
    {
        names.Add(resource["Golden/".Length..^".json".Length]);
    }
}

names.Sort(StringComparer.Ordinal);
// --verbose: also one line per comparison with the digest of its values, to find where two runs part.
bool verbose = Array.IndexOf(args, "--verbose") >= 0;
int passed = 0, failed = 0, checks = 0;
var total = new Digest();
foreach (string name in names)
{
    var golden = Golden.Load(name);
    var result = new CaseResult(name, verbose);
    try
    {
        GoldenChecks.Run(golden, result);
    }
    catch (Exception e)
    {
        result.Fail($"threw {e.GetType().Name}: {e.Message}");
    }

    checks += result.Checks;
    total.Add(result.Digest);
    if (result.Failures.Count == 0)
    {
        passed++;
        Console.WriteLine($"PASS {name,-24} {result.Checks} checks, worst deviation {result.WorstRatio:P2} of the tolerance, digest {result.Digest.Value:x16}");
    }
    else
    {
        failed++;
        Console.WriteLine($"FAIL {name,-24} {result.Failures.Count} of {result.Checks} checks failed");
        foreach (string failure in result.Failures) Console.WriteLine($"     {failure}");
    }
}

// Every float compared above, hashed bit by bit (FNV-1a, in order): equal digests from two runs mean bit-identical
// predictions, gradients and weights, e.g. ARM64 against x64, or NativeAOT against the JIT (per case above).
Console.WriteLine($"digest of all {total.Count} computed values: {total.Value:x16}");
Console.WriteLine($"golden cases: {passed} passed, {failed} failed ({checks} checks)");
return failed == 0 && passed > 0 ? 0 : 1;

/// <summary>Which vector widths this process accelerates, and so which of the generated kernels it runs.</summary>
internal static class VectorWidths
{
    public static string Describe()
    {
        string widest = Vector512.IsHardwareAccelerated ? "Vector512"
            : Vector256.IsHardwareAccelerated ? "Vector256"
            : Vector128.IsHardwareAccelerated ? "Vector128"
            : "scalar";
        return $"accelerated: Vector128 {Yes(Vector128.IsHardwareAccelerated)}, Vector256 {Yes(Vector256.IsHardwareAccelerated)}, " +
            $"Vector512 {Yes(Vector512.IsHardwareAccelerated)}, Vector<float> {Vector<float>.Count} lanes " +
            $"{Yes(Vector.IsHardwareAccelerated)}; AdvSimd {Yes(System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported)}, " +
            $"AVX2 {Yes(System.Runtime.Intrinsics.X86.Avx2.IsSupported)}, FMA {Yes(System.Runtime.Intrinsics.X86.Fma.IsSupported)}, " +
            $"AVX-512F {Yes(System.Runtime.Intrinsics.X86.Avx512F.IsSupported)}; generated kernels run at {widest}";
    }

    private static string Yes(bool value) => value ? "yes" : "no";
}

/// <summary>One golden file (schema: tests/StaticNets.Tests/Golden/README.md), read with JsonDocument (no reflection).</summary>
internal sealed class Golden
{
    public required string Name { get; init; }
    public required int ParameterCount { get; init; }
    public required int NonTrainableParameterCount { get; init; }
    public required int[] InputShape { get; init; }
    public required int[] OutputShape { get; init; }
    public required string Summary { get; init; }
    public required float[] Weights { get; init; }
    public required int Batch { get; init; }
    public required float[] X { get; init; }
    public required float[] YPred { get; init; }
    public string? Loss { get; init; }
    public float[]? YTrue { get; init; }
    public float? LossValue { get; init; }
    public float[]? Gradients { get; init; }
    public float SgdLearningRate { get; init; }
    public float[]? SgdWeightsAfter { get; init; }
    public float AdamLearningRate { get; init; }
    public int AdamSteps { get; init; }
    public float[]? AdamWeightsAfter { get; init; }
    public required double Abs { get; init; }
    public required double Rel { get; init; }

    public static Golden Load(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Golden/{name}.json")
            ?? throw new InvalidOperationException($"no embedded Golden/{name}.json");
        using JsonDocument document = JsonDocument.Parse(stream);
        JsonElement root = document.RootElement;
        JsonElement? sgd = Optional(root, "sgdStep");
        JsonElement? adam = Optional(root, "adamSteps");
        return new Golden
        {
            Name = name,
            ParameterCount = root.GetProperty("parameterCount").GetInt32(),
            NonTrainableParameterCount = root.GetProperty("nonTrainableParameterCount").GetInt32(),
            InputShape = Ints(root.GetProperty("inputShape")),
            OutputShape = Ints(root.GetProperty("outputShape")),
            Summary = root.GetProperty("summary").GetString()!,
            Weights = Floats(root.GetProperty("weights")),
            Batch = root.GetProperty("batch").GetInt32(),
            X = Floats(root.GetProperty("x")),
            YPred = Floats(root.GetProperty("yPred")),
            Loss = Optional(root, "loss")?.GetString(),
            YTrue = Optional(root, "yTrue") is { } yTrue ? Floats(yTrue) : null,
            LossValue = Optional(root, "lossValue")?.GetSingle(),
            Gradients = Optional(root, "gradients") is { } gradients ? Floats(gradients) : null,
            SgdLearningRate = sgd?.GetProperty("learningRate").GetSingle() ?? 0,
            SgdWeightsAfter = sgd is { } s ? Floats(s.GetProperty("weightsAfter")) : null,
            AdamLearningRate = adam?.GetProperty("learningRate").GetSingle() ?? 0,
            AdamSteps = adam is { } a1 && a1.TryGetProperty("steps", out JsonElement steps) ? steps.GetInt32() : 1,
            AdamWeightsAfter = adam is { } a2 ? Floats(a2.GetProperty("weightsAfter")) : null,
            Abs = root.GetProperty("tolerance").GetProperty("abs").GetDouble(),
            Rel = root.GetProperty("tolerance").GetProperty("rel").GetDouble(),
        };
    }

    private static JsonElement? Optional(JsonElement element, string name)
        => element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static float[] Floats(JsonElement array)
    {
        var values = new float[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in array.EnumerateArray()) values[i++] = item.GetSingle();
        return values;
    }

    private static int[] Ints(JsonElement array)
    {
        var values = new int[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in array.EnumerateArray()) values[i++] = item.GetInt32();
        return values;
    }
}

/// <summary>The checks of one case; a failed comparison is recorded, not thrown, so every check runs.</summary>
internal sealed class CaseResult(string name, bool verbose)
{
    public string Name { get; } = name;
    public int Checks { get; private set; }
    public double WorstRatio { get; private set; }
    public List<string> Failures { get; } = [];
    public Digest Digest { get; } = new();

    public void Fail(string message) => Failures.Add(message);

    public void Equal<T>(T expected, T actual, string what)
    {
        Checks++;
        if (!EqualityComparer<T>.Default.Equals(expected, actual)) Fail($"{what}: expected {expected}, got {actual}");
    }

    public void Close(Golden golden, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Checks++;
        if (expected.Length != actual.Length)
        {
            Fail($"{what}: expected {expected.Length} values, got {actual.Length}");
            return;
        }

        Digest.Add(actual);
        if (verbose)
        {
            var digest = new Digest();
            digest.Add(actual);
            Console.WriteLine($"     {Name} {what}: digest {digest.Value:x16}");
        }

        for (int i = 0; i < expected.Length; i++)
        {
            double allowed = golden.Abs + golden.Rel * Math.Abs(expected[i]);
            double deviation = Math.Abs((double)actual[i] - expected[i]);
            if (!(deviation <= allowed))
            {
                Fail($"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (allowed ±{allowed:G3})");
                return;
            }

            WorstRatio = Math.Max(WorstRatio, deviation / allowed);
        }
    }
}

/// <summary>FNV-1a over the bits of every value the checks computed.</summary>
internal sealed class Digest
{
    public ulong Value { get; private set; } = 14695981039346656037UL;
    public long Count { get; private set; }

    public void Add(ReadOnlySpan<float> values)
    {
        foreach (float value in values) Mix(BitConverter.SingleToUInt32Bits(value));
        Count += values.Length;
    }

    public void Add(Digest other)
    {
        Mix((uint)other.Value);
        Mix((uint)(other.Value >> 32));
        Count += other.Count;
    }

    private void Mix(uint bits)
    {
        ulong hash = Value;
        for (int b = 0; b < 4; b++) hash = (hash ^ ((bits >> (8 * b)) & 0xFF)) * 1099511628211UL;
        Value = hash;
    }
}

internal static class GoldenChecks
{
    /// <summary>The networks of tests/StaticNets.Tests/Networks/GoldenNetworks.cs, by golden file name.</summary>
    private static INetwork Create(string name) => name switch
    {
        "seed_practice1" => new SeedPractice1(0),
        "seed_practice2" => new SeedPractice2(0),
        "seed_practice3" => new SeedPractice3(0),
        "mlp_softmax_cce" => new MlpSoftmaxCce(0),
        "mlp_sigmoid_bce" => new MlpSigmoidBce(0),
        "activations_a" => new ActivationsA(0),
        "cnn_small" => new CnnSmall(0),
        "bn_mlp" => new BnMlp(0),
        "zero_padding_cropping" => new ZeroPaddingCropping(0),
        "upsampling1d_conv1d" => new UpSampling1DConv1D(0),
        "conv2d_transpose_same_upsampling" => new Conv2DTransposeSameUpSampling(0),
        "layer_norm_activation_rescaling" => new LayerNormActivationRescaling(0),
        "conv1d_causal_dilated" => new Conv1DCausalDilated(0),
        "lstm_seq_dense" => new LstmSeqDense(0),
        "gru_reset_after" => new GruResetAfter(0),
        "simple_rnn_backwards" => new SimpleRnnBackwards(0),
        "embedding_gap_dense" => new EmbeddingGapDense(0),
        "bidirectional_concat" => new BidirectionalConcat(0),
        _ => throw new InvalidOperationException(
            $"no network for golden case '{name}': add it to tests/arm64/GoldenRunner/Program.cs (GoldenChecks.Create), " +
            "as in tests/StaticNets.Tests/GoldenPredictionTests.cs"),
    };

    private static Loss LossNamed(string name) => name switch
    {
        "MeanSquaredError" => new MeanSquaredError(),
        "MeanAbsoluteError" => new MeanAbsoluteError(),
        "CategoricalCrossentropy" => new CategoricalCrossentropy(),
        "BinaryCrossentropy" => new BinaryCrossentropy(),
        "SparseCategoricalCrossentropy" => new SparseCategoricalCrossentropy(),
        _ => throw new InvalidOperationException($"unknown loss '{name}'"),
    };

    public static void Run(Golden golden, CaseResult result)
    {
        INetwork network = Create(golden.Name);
        result.Equal(golden.ParameterCount, network.ParameterCount, "ParameterCount");
        result.Equal(string.Join(",", golden.InputShape), string.Join(",", network.InputShape.ToArray()), "InputShape");
        result.Equal(string.Join(",", golden.OutputShape), string.Join(",", network.OutputShape.ToArray()), "OutputShape");
        result.Equal(golden.Summary.Replace("{MODEL}", network.GetType().Name), network.Summary(), "Summary()");

        golden.Weights.CopyTo(network.Parameters);
        var predictions = new float[golden.YPred.Length];
        network.PredictBatch(golden.X, predictions);
        result.Close(golden, golden.YPred, predictions, "PredictBatch");

        var output = new float[network.OutputSize];
        for (int n = 0; n < golden.Batch; n++)
        {
            network.Predict(golden.X.AsSpan(n * network.InputSize, network.InputSize), output);
            result.Close(golden, golden.YPred.AsSpan(n * network.OutputSize, network.OutputSize), output, $"Predict sample {n}");
        }

        if (golden.Loss is null || golden.YTrue is null) return;
        var trainable = (ITrainableNetwork)network;

        var gradients = new float[network.ParameterCount];
        var outputs = new float[golden.YPred.Length];
        float loss = trainable.ComputeGradients(golden.X, golden.YTrue, LossNamed(golden.Loss), gradients, outputs);
        if (golden.LossValue is { } lossValue) result.Close(golden, [lossValue], [loss], "loss");
        if (golden.Gradients is { } expectedGradients) result.Close(golden, expectedGradients, gradients, "gradients");
        if (golden.NonTrainableParameterCount == 0)
        {
            // Without BatchNormalization (the golden cases' only training-only behaviour), training-mode outputs are yPred.
            result.Close(golden, golden.YPred, outputs, "training-mode outputs");
        }

        if (golden.SgdWeightsAfter is { } sgdAfter)
        {
            var model = (ITrainableNetwork)Create(golden.Name);
            golden.Weights.CopyTo(model.Parameters);
            model.Compile(new Sgd(learningRate: golden.SgdLearningRate), LossNamed(golden.Loss));
            model.TrainOnBatch(golden.X, golden.YTrue);
            result.Close(golden, sgdAfter, model.Parameters, "weights after one SGD step");
        }

        if (golden.AdamWeightsAfter is { } adamAfter)
        {
            var model = (ITrainableNetwork)Create(golden.Name);
            golden.Weights.CopyTo(model.Parameters);
            model.Compile(new Adam(learningRate: golden.AdamLearningRate), LossNamed(golden.Loss));
            for (int step = 0; step < golden.AdamSteps; step++) model.TrainOnBatch(golden.X, golden.YTrue);
            result.Close(golden, adamAfter, model.Parameters, $"weights after {golden.AdamSteps} Adam steps");
        }
    }
}
