using StaticNets.Runtime;

namespace StaticNets.Tests.Layers;

/// <summary><see cref="KernelRegularization"/> on values worked out by hand.</summary>
public class KernelRegularizationKernelTests
{
    [Fact]
    public void Penalty_and_gradient_written_out()
    {
        float[] kernel = [0.5f, -2f, 0f, 1f];
        // l1·(0.5 + 2 + 0 + 1) + l2·(0.25 + 4 + 0 + 1) with l1 = 0.25, l2 = 0.5: 0.875 + 2.625.
        Assert.Equal(3.5, KernelRegularization.Penalty(kernel, 0.25f, 0.5f), 12);
        float[] gradients = [1f, 1f, 1f, 1f];
        double penalty = KernelRegularization.Apply(kernel, 0.25f, 0.5f, gradients);
        Assert.Equal(3.5, penalty, 12);
        // 1 + l1·sign(w) + 2·l2·w; sign(0) = 0, as TensorFlow's gradient of |w| at 0.
        Assert.Equal([1f + 0.25f + 0.5f, 1f - 0.25f - 2f, 1f, 1f + 0.25f + 1f], gradients);
    }

    [Fact]
    public void Invalid_arguments_throw_before_any_work()
    {
        float[] gradients = [7f, 7f];
        Assert.Throws<ArgumentException>(() => KernelRegularization.Apply(new float[3], 0.1f, 0f, gradients));
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelRegularization.Apply(new float[2], -0.1f, 0f, gradients));
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelRegularization.Apply(new float[2], 0f, float.NaN, gradients));
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelRegularization.Penalty(new float[2], float.PositiveInfinity, 0f));
        Assert.Equal([7f, 7f], gradients);
    }
}
