using System;
using System.Collections.Generic;

namespace StaticNets;

/// <summary><c>Fit</c>'s optional data arguments: Keras's <c>validation_data</c>, <c>class_weight</c> and <c>sample_weight</c>.</summary>
internal sealed class FitData
{
    /// <summary>No validation data and no weights.</summary>
    public static FitData None { get; } = new();

    /// <summary>Validation inputs, or null to use <c>validationSplit</c>.</summary>
    public ReadOnlyMemory<float>? ValidationX { get; init; }

    /// <summary>Validation targets (set with <see cref="ValidationX"/>).</summary>
    public ReadOnlyMemory<float>? ValidationY { get; init; }

    /// <summary>Weight per class index, or null.</summary>
    public IReadOnlyDictionary<int, float>? ClassWeight { get; init; }

    /// <summary>Weight per training sample, or null.</summary>
    public ReadOnlyMemory<float>? SampleWeight { get; init; }
}
