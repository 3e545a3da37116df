using System;
using System.Collections.Generic;

namespace StaticNets.Keras;

/// <summary>One weight variable of a Keras layer, in Keras's shape and row-major order.</summary>
public sealed class KerasWeight
{
    internal KerasWeight(string name, int[] shape, float[] values)
    {
        Name = name;
        Shape = shape;
        Values = values;
    }

    /// <summary>Keras's name for the variable: <c>kernel</c>, <c>recurrent_kernel</c>, <c>bias</c>, <c>gamma</c>, ...</summary>
    public string Name { get; }

    /// <summary>The variable's shape as Keras stores it.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The values, row-major (C order), as stored in the file.</summary>
    public ReadOnlyMemory<float> Values { get; }
}
