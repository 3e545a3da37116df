using System;
using System.Runtime.Intrinsics;
using StaticNets.Runtime;

namespace StaticNets.Tests.Support;

/// <summary>
/// Runs the kernels with one chosen vector width (the internal per-width entry points), so the 128-, 256- and 512-bit
/// paths are all tested whatever this machine accelerates; 0 means the public entry points (widest accelerated width).
/// </summary>
internal static class VectorWidth
{
    public static readonly int[] All = { 0, 128, 256, 512 };

    public static TheoryData<int> Theory => new() { 0, 128, 256, 512 };

    /// <summary>
    /// Whether that width's <c>MultiplyAdd</c> is fused here (else a multiply, then an add): the same at every width,
    /// since a width the hardware lacks is computed as two fused halves.
    /// </summary>
    public static bool HasFusedMultiplyAdd(int width) => width switch
    {
        0 or 128 or 256 or 512 => System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported,
        _ => throw new ArgumentOutOfRangeException(nameof(width)),
    };

    public static void Apply(int width, Activation activation, Span<float> values, int rowLength)
    {
        switch (width)
        {
            case 0: Activations.Apply(activation, values, rowLength); break;
            case 128: Activations.Apply<Vector128Ops, Vector128<float>>(activation, values, rowLength); break;
            case 256: Activations.Apply<Vector256Ops, Vector256<float>>(activation, values, rowLength); break;
            case 512: Activations.Apply<Vector512Ops, Vector512<float>>(activation, values, rowLength); break;
            default: throw new ArgumentOutOfRangeException(nameof(width));
        }
    }

    public static void Backward(int width, Activation activation, ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> gradient, int rowLength)
    {
        switch (width)
        {
            case 0: Activations.Backward(activation, z, a, gradient, rowLength); break;
            case 128: Activations.Backward<Vector128Ops, Vector128<float>>(activation, z, a, gradient, rowLength); break;
            case 256: Activations.Backward<Vector256Ops, Vector256<float>>(activation, z, a, gradient, rowLength); break;
            case 512: Activations.Backward<Vector512Ops, Vector512<float>>(activation, z, a, gradient, rowLength); break;
            default: throw new ArgumentOutOfRangeException(nameof(width));
        }
    }

    /// <summary>Applies an internal element-wise kernel (for testing the math helpers) with one width.</summary>
    public static void Forward<TKernel>(int width, Span<float> values) where TKernel : IElementwiseActivation
    {
        switch (width)
        {
            case 0: ElementwiseLoop.Forward<TKernel>(values); break;
            case 128: ElementwiseLoop.Forward<TKernel, Vector128Ops, Vector128<float>>(values); break;
            case 256: ElementwiseLoop.Forward<TKernel, Vector256Ops, Vector256<float>>(values); break;
            case 512: ElementwiseLoop.Forward<TKernel, Vector512Ops, Vector512<float>>(values); break;
            default: throw new ArgumentOutOfRangeException(nameof(width));
        }
    }

    public static void RescalingForward(int width, float scale, float offset, ReadOnlySpan<float> x, Span<float> y)
    {
        switch (width)
        {
            case 0: Rescaling.Forward(scale, offset, x, y); break;
            case 128: Rescaling.Forward<Vector128Ops, Vector128<float>>(scale, offset, x, y); break;
            case 256: Rescaling.Forward<Vector256Ops, Vector256<float>>(scale, offset, x, y); break;
            case 512: Rescaling.Forward<Vector512Ops, Vector512<float>>(scale, offset, x, y); break;
            default: throw new ArgumentOutOfRangeException(nameof(width));
        }
    }

    public static void RescalingBackward(int width, float scale, ReadOnlySpan<float> dy, Span<float> dx)
    {
        switch (width)
        {
            case 0: Rescaling.Backward(scale, dy, dx); break;
            case 128: Rescaling.Backward<Vector128Ops, Vector128<float>>(scale, dy, dx); break;
            case 256: Rescaling.Backward<Vector256Ops, Vector256<float>>(scale, dy, dx); break;
            case 512: Rescaling.Backward<Vector512Ops, Vector512<float>>(scale, dy, dx); break;
            default: throw new ArgumentOutOfRangeException(nameof(width));
        }
    }
}
