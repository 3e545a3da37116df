using System.Reflection;

namespace StaticNets.Tests.Training;

/// <summary>Decaying optimizer state is flushed to zero instead of turning subnormal (which makes every step slow).</summary>
public class OptimizerSubnormalTests
{
    public static TheoryData<Optimizer> Optimizers => new()
    {
        new Adam(), new AdamW(), new Sgd(momentum: 0.9f), new RmsProp(momentum: 0.9f),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void StateOfAWeightWhoseGradientStaysZero_NeverTurnsSubnormal(Optimizer optimizer)
    {
        var weights = new float[64];
        var gradients = new float[64];
        Array.Fill(gradients, 1e-3f);
        optimizer.Apply(weights, gradients);
        Array.Clear(gradients);
        // A state of ~1e-4..1e-5 decaying by 0.9 a step passes through the subnormal range (below 1.2e-38, above
        // 1.4e-45) between about step 720 and step 890: look at step 800.
        for (int step = 0; step < 800; step++)
        {
            optimizer.Apply(weights, gradients);
        }

        var slots = (float[][])typeof(Optimizer).GetField("_slots", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(optimizer)!;
        Assert.NotEmpty(slots);
        for (int s = 0; s < slots.Length; s++)
        {
            Assert.All(slots[s], v => Assert.False(float.IsSubnormal(v), $"slot {s} holds a subnormal {v:R}"));
        }

        Assert.All(weights, w => Assert.True(float.IsFinite(w)));
    }
}
