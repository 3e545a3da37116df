namespace StaticNets.Benchmarks;

/// <summary>
/// Names shared by the BenchmarkDotNet results, the interleaved results and pytorch_bench.py's table:
/// <c>{net}.{case}.{implementation}</c>, e.g. <c>B.single.StaticNets</c>, <c>A.train.PyTorch</c>, <c>cnn.batch128.ORT</c>.
/// </summary>
public static class ResultKeys
{
    /// <summary>One sample per call.</summary>
    public const string Single = "single";

    /// <summary>128 samples per call, time per sample.</summary>
    public const string Batch = "batch128";

    /// <summary>One training step (B: batch 128, A: batch 32).</summary>
    public const string Train = "train";

    /// <summary>Appended to a peer's key for its best one-thread configuration (pytorch_bench.py writes both thread counts for some measures).</summary>
    public const string OneThreadSuffix = " (1 thread)";

    /// <summary>One CNN training step at batch 32.</summary>
    public const string Train32 = "train32";

    /// <summary>One CNN training step at batch 128.</summary>
    public const string Train128 = "train128";

    /// <summary>The Fashion-MNIST tutorial MLP (the "net" part of its keys).</summary>
    public const string FashionMnist = "fmnist";

    /// <summary>The Fashion-MNIST CNN of the inference comparison (the "net" part of its keys).</summary>
    public const string FashionCnn = "cnn";

    /// <summary>One training epoch (Fashion-MNIST: 60,000 samples, batch 32).</summary>
    public const string Epoch = "epoch";

    /// <summary>Implementation names.</summary>
    public const string StaticNets = "StaticNets", HandSimd = "HandSimd", Naive = "Naive", Ort = "ORT", PyTorch = "PyTorch";

    /// <summary>The key of one measurement.</summary>
    public static string Key(string net, string kind, string implementation) => $"{net}.{kind}.{implementation}";

    /// <summary>The key of a BenchmarkDotNet method, or null for one this report does not know.</summary>
    public static string? FromBenchmark(string type, string method)
    {
        string? net = type switch { nameof(NetABenchmarks) => "A", nameof(NetBBenchmarks) => "B", _ => null };
        if (net is not null)
        {
            return method switch
            {
                nameof(NetABenchmarks.StaticNets_Predict) => Key(net, Single, StaticNets),
                nameof(NetABenchmarks.HandSimd_Predict) => Key(net, Single, HandSimd),
                nameof(NetABenchmarks.Naive_Predict) => Key(net, Single, Naive),
                nameof(NetABenchmarks.Ort_Predict) => Key(net, Single, Ort),
                nameof(NetABenchmarks.StaticNets_PredictBatch128) => Key(net, Batch, StaticNets),
                nameof(NetABenchmarks.Ort_PredictBatch128) => Key(net, Batch, Ort),
                _ => null,
            };
        }

        return method switch
        {
            nameof(TrainingBenchmarks.StaticNets_TrainB_Batch128) => Key("B", Train, StaticNets),
            nameof(TrainingBenchmarks.StaticNets_TrainA_Batch32) => Key("A", Train, StaticNets),
            _ => null,
        };
    }
}
