using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;

namespace StaticNets.Benchmarks;

/// <summary>
/// A short job so the whole suite stays well under ten minutes: one launch, 4 warm-up and 12 measured iterations
/// of ~150 ms each (BenchmarkDotNet's default is up to 100 iterations of 500 ms). Memory diagnoser on.
/// </summary>
public static class ShortRunConfig
{
    /// <summary>The configuration.</summary>
    public static IConfig Create()
    {
        Job job = Job.Default
            .WithId("Short")
            .WithLaunchCount(1)
            .WithWarmupCount(4)
            .WithIterationCount(12)
            .WithIterationTime(TimeInterval.FromMilliseconds(150));
        return DefaultConfig.Instance
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median, StatisticColumn.Min)
            .WithOptions(ConfigOptions.DisableLogFile);
    }
}
