using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets;

namespace StaticNets.Tests.Schedules;

/// <summary>Each schedule's rate per step against Keras's formula, and optimizers stepping them per batch.</summary>
public sealed class LearningRateScheduleTests
{
    private static void AssertRates(LearningRateSchedule schedule, Func<long, double> formula, int steps = 40)
    {
        for (long step = 0; step < steps; step++)
        {
            double expected = formula(step);
            Assert.Equal(expected, schedule.Rate(step), Math.Max(1e-7, Math.Abs(expected) * 1e-6));
        }
    }

    [Fact]
    public void ExponentialDecay_SmoothAndStaircase()
    {
        AssertRates(new ExponentialDecay(0.1f, 10, 0.5f), s => 0.1 * Math.Pow(0.5, s / 10.0));
        AssertRates(new ExponentialDecay(0.1f, 10, 0.5f, staircase: true), s => 0.1 * Math.Pow(0.5, s / 10));
        Assert.Equal(0.05f, new ExponentialDecay(0.1f, 10, 0.5f, staircase: true).Rate(19), 7);
    }

    [Fact]
    public void InverseTimeDecay_SmoothAndStaircase()
    {
        // The Keras overfit/underfit tutorial: InverseTimeDecay(0.001, decay_steps=STEPS_PER_EPOCH*1000, decay_rate=1).
        AssertRates(new InverseTimeDecay(0.001f, 20, 1f), s => 0.001 / (1 + s / 20.0));
        AssertRates(new InverseTimeDecay(0.01f, 7, 0.5f, staircase: true), s => 0.01 / (1 + 0.5 * (s / 7)));
    }

    [Fact]
    public void PiecewiseConstantDecay_BoundariesBelongToTheEarlierPiece()
    {
        var schedule = new PiecewiseConstantDecay([10, 20], [1f, 0.5f, 0.1f]);
        AssertRates(schedule, s => s <= 10 ? 1 : s <= 20 ? 0.5 : 0.1);
        Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([10, 20], [1f, 0.5f]));
        Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([20, 10], [1f, 0.5f, 0.1f]));
    }

    [Fact]
    public void CosineDecay_EndsAtAlphaTimesTheInitialRate()
    {
        AssertRates(new CosineDecay(0.2f, 30, alpha: 0.1f), s => 0.2 * ((0.9 * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(s, 30) / 30.0))) + 0.1));
        Assert.Equal(0.02f, new CosineDecay(0.2f, 30, alpha: 0.1f).Rate(1000), 6);
        Assert.Equal(0f, new CosineDecay(0.2f, 30).Rate(30), 7);
    }

    [Fact]
    public void Sgd_WithASchedule_UsesTheRateOfEachStep_CountedPerBatch()
    {
        var schedule = new ExponentialDecay(1f, 1, 0.5f);
        var sgd = new Sgd(schedule);
        float[] weights = [0f];
        float[] gradient = [1f];
        var seen = new List<float>();
        for (int step = 0; step < 4; step++)
        {
            seen.Add(sgd.LearningRate);
            sgd.Apply(weights, gradient);
        }

        // Steps use 1, 0.5, 0.25, 0.125 (the rate at iterations 0, 1, 2, 3): w = −1.875.
        Assert.Equal([1f, 0.5f, 0.25f, 0.125f], seen);
        Assert.Equal(-1.875f, weights[0]);
        Assert.Same(schedule, sgd.Schedule);
        Assert.Throws<InvalidOperationException>(() => sgd.LearningRate = 0.1f);
    }

    [Fact]
    public void EveryOptimizer_TakesASchedule_AndMatchesTheFixedRateOptimizerOnTheFirstStep()
    {
        var constant = new PiecewiseConstantDecay([], [0.05f]);
        (Optimizer Scheduled, Optimizer Fixed)[] pairs =
        [
            (new Sgd(constant, momentum: 0.9f), new Sgd(0.05f, momentum: 0.9f)),
            (new Adam(constant), new Adam(0.05f)),
            (new AdamW(constant), new AdamW(0.05f)),
            (new RmsProp(constant), new RmsProp(0.05f)),
            (new Adagrad(constant), new Adagrad(0.05f)),
        ];
        foreach ((Optimizer scheduled, Optimizer fixedRate) in pairs)
        {
            float[] a = [0.3f, -0.2f];
            float[] b = [0.3f, -0.2f];
            for (int step = 0; step < 3; step++)
            {
                scheduled.Apply(a, [0.1f, -0.4f]);
                fixedRate.Apply(b, [0.1f, -0.4f]);
            }

            Assert.Equal(b, a);
            Assert.NotEqual(0.3f, a[0]);
        }
    }

    [Fact]
    public void Fit_StepsTheScheduleOncePerBatch()
    {
        var model = new StaticNets.Tests.Training.ScriptedNetwork();
        var sgd = new Sgd(new InverseTimeDecay(1f, 1, 1f));
        model.Compile(sgd, Loss.MeanSquaredError);

        model.Fit(new float[10], new float[10], epochs: 2, batchSize: 4, verbose: 0, shuffle: false);

        // 3 batches per epoch, 6 steps: rates 1/1 … 1/6 applied to gradient −1 of every parameter.
        Assert.Equal(6, sgd.Iterations);
        double expected = Enumerable.Range(0, 6).Sum(s => 1.0 / (1 + s));
        Assert.Equal(expected, model.Parameters[0], 5);
        Assert.Equal(1f / 7, sgd.LearningRate, 6);
    }
}
