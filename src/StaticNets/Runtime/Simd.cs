using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace StaticNets.Runtime;

/// <summary>
/// Fused multiply-add for each vector width, for generated kernels. <c>Vector512.FusedMultiplyAdd</c> and friends
/// only exist from .NET 9, and generated code must compile for net8.0 consumers, so the choice of instruction is
/// made here; every branch is a JIT-time constant, so a call inlines to one instruction.
/// </summary>
/// <remarks>
/// Whether the result is fused depends on the machine, not on the width: a width the hardware lacks (512 bits
/// without AVX-512, 256 bits on Arm) is computed as two fused halves, so every width rounds the same way and kernels
/// written once for all widths give the same bits at each.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Simd
{
    /// <summary><c>a · b + c</c>, fused where the hardware can.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c)
    {
        if (Avx512F.IsSupported) return Avx512F.FusedMultiplyAdd(a, b, c);
        if (Fma.IsSupported || AdvSimd.IsSupported)
        {
            return Vector512.Create(
                MultiplyAdd(a.GetLower(), b.GetLower(), c.GetLower()), MultiplyAdd(a.GetUpper(), b.GetUpper(), c.GetUpper()));
        }

        return a * b + c;
    }

    /// <summary><c>a · b + c</c>, fused where the hardware can.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c)
    {
        if (Fma.IsSupported) return Fma.MultiplyAdd(a, b, c);
        if (AdvSimd.IsSupported)
        {
            return Vector256.Create(
                MultiplyAdd(a.GetLower(), b.GetLower(), c.GetLower()), MultiplyAdd(a.GetUpper(), b.GetUpper(), c.GetUpper()));
        }

        return a * b + c;
    }

    /// <summary><c>a · b + c</c>, fused where the hardware can.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c)
    {
        if (Fma.IsSupported) return Fma.MultiplyAdd(a, b, c);
        if (AdvSimd.IsSupported) return AdvSimd.FusedMultiplyAdd(c, a, b);
        return a * b + c;
    }
}
