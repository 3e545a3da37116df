namespace StaticNets.Generator.Model;

/// <summary>One SIMD width the emitter writes a kernel for; the generated code picks one at JIT time.</summary>
/// <param name="Suffix">The kernel name suffix: <c>512</c>, <c>256</c>, <c>128</c> or <c>Scalar</c>.</param>
/// <param name="Lanes">Floats per vector (1 for scalar).</param>
internal sealed record VectorWidth(string Suffix, int Lanes)
{
    public static readonly VectorWidth V512 = new("512", 16);
    public static readonly VectorWidth V256 = new("256", 8);
    public static readonly VectorWidth V128 = new("128", 4);
    public static readonly VectorWidth Scalar = new("Scalar", 1);

    /// <summary>Widest first: the order of the run-time dispatch.</summary>
    public static readonly VectorWidth[] All = { V512, V256, V128, Scalar };

    public bool IsScalar => Lanes == 1;

    /// <summary>The static helper class, e.g. <c>global::System.Runtime.Intrinsics.Vector512</c>.</summary>
    public string Static => "global::System.Runtime.Intrinsics.Vector" + Suffix;

    /// <summary>The vector type, e.g. <c>global::System.Runtime.Intrinsics.Vector512&lt;float&gt;</c>.</summary>
    public string Type => Static + "<float>";

    /// <summary>The runtime's kernel helpers for this width, e.g. <c>global::StaticNets.Runtime.Simd512</c>.</summary>
    public string Helpers => "global::StaticNets.Runtime.Simd" + Suffix;
}
