using System;

namespace StaticNets;

/// <summary>How <see cref="BidirectionalAttribute"/> combines the two directions (Keras <c>merge_mode</c>).</summary>
public enum MergeMode
{
    /// <summary>Forward features, then backward features: twice the units.</summary>
    Concat,

    /// <summary>Element-wise sum.</summary>
    Sum,

    /// <summary>Element-wise product.</summary>
    Mul,

    /// <summary>Element-wise mean.</summary>
    Ave,
}

/// <summary>
/// Keras <c>Bidirectional</c>: wraps the recurrent layer attribute that directly follows it, runs it forwards and a
/// copy backwards over the sequence, and merges the two. The pair is one layer in <c>Summary()</c>; its parameters are
/// the forward layer's, then the backward layer's.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BidirectionalAttribute(MergeMode mergeMode = MergeMode.Concat) : LayerAttribute
{
    /// <summary>How the two directions are combined.</summary>
    public MergeMode MergeMode { get; } = mergeMode;
}
