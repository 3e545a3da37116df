using System;
using System.Collections.Generic;
using System.Globalization;
using StaticNets;

namespace Quickstart;

/// <summary>Prints what a training run did: the per-epoch losses from History and predictions against the truth.</summary>
internal static class TrainingReport
{
    /// <summary>One row per epoch with <c>loss</c> and <c>val_loss</c> from <see cref="History.Metrics"/>.</summary>
    public static void LossCurve(History history)
    {
        IReadOnlyList<double> loss = history.Metrics["loss"];
        IReadOnlyList<double> validationLoss = history.Metrics["val_loss"];
        Console.WriteLine("epoch      loss  val_loss");
        for (int e = 0; e < loss.Count; e++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{history.Epochs[e] + 1,5}  {loss[e],8:0.0000}  {validationLoss[e],8:0.0000}"));
        }
    }

    /// <summary>For each two-feature probe: the prediction before and after training next to the true function.</summary>
    public static void Predictions(float[] probes, float[] before, float[] after, Func<float, float, float> truth)
    {
        Console.WriteLine("input               before     after      true");
        for (int n = 0; n < before.Length; n++)
        {
            float x0 = probes[2 * n];
            float x1 = probes[2 * n + 1];
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"[{x0,6:0.00}, {x1,6:0.00}]  {before[n],9:0.0000} {after[n],9:0.0000} {truth(x0, x1),9:0.0000}"));
        }
    }
}
