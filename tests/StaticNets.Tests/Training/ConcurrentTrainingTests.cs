using StaticNets.Tests.Networks;

namespace StaticNets.Tests.Training;

/// <summary>Training one instance from two threads at once is refused instead of silently corrupting it.</summary>
public class ConcurrentTrainingTests
{
    [Fact]
    public async Task SecondThreadTrainingTheSameInstance_Throws()
    {
        var model = new NetB(1);
        model.Compile(new Adam(), Loss.CategoricalCrossentropy);
        float[] x = PredictTests.RandomInputs(NetB.InputSize * 64, seed: 1);
        var y = new float[NetB.OutputSize * 64];
        for (int n = 0; n < 64; n++) y[n * NetB.OutputSize + n % NetB.OutputSize] = 1f;

        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var blocker = new BlockingCallback(inside, release);
        Task fit = Task.Run(() => model.Fit(x, y, epochs: 1, batchSize: 32, verbose: 0, callbacks: [blocker]));
        Assert.True(inside.Wait(TimeSpan.FromSeconds(30)), "Fit did not start");

        var error = Assert.Throws<InvalidOperationException>(() => model.TrainOnBatch(x.AsSpan(0, NetB.InputSize * 4), y.AsSpan(0, NetB.OutputSize * 4)));
        Assert.Contains("already training on another thread", error.Message);
        release.Set();
        await fit.WaitAsync(TimeSpan.FromSeconds(30));

        // Once Fit is done, training from this thread works again, and the owning thread may re-enter from a callback.
        model.TrainOnBatch(x.AsSpan(0, NetB.InputSize * 4), y.AsSpan(0, NetB.OutputSize * 4));
        model.Fit(x, y, epochs: 1, batchSize: 32, verbose: 0, callbacks: [new ReenteringCallback(x, y)]);
    }

    private sealed class BlockingCallback(ManualResetEventSlim inside, ManualResetEventSlim release) : Callback
    {
        public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
        {
            inside.Set();
            release.Wait(TimeSpan.FromSeconds(30));
        }
    }

    private sealed class ReenteringCallback(float[] x, float[] y) : Callback
    {
        public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
            => Model.TrainOnBatch(x.AsSpan(0, NetB.InputSize * 4), y.AsSpan(0, NetB.OutputSize * 4));
    }
}
