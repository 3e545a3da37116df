using System.Collections.Generic;
using System.Linq;

namespace StaticNets.Keras;

/// <summary>
/// One layer of an imported model, described neutrally: the StaticNets layer kind it maps to, its Keras name, its
/// settings (as the attribute text <see cref="Attribute"/> shows them) and its weights in Keras's order.
/// </summary>
public sealed class KerasLayer
{
    internal KerasLayer(string kind, string kerasClass, string name, LayerOptions options, KerasLayer? wrapped)
    {
        Kind = kind;
        KerasClass = kerasClass;
        Name = name;
        Options = options;
        Wrapped = wrapped;
    }

    /// <summary>The StaticNets attribute this layer becomes, without the <c>Attribute</c> suffix: <c>Dense</c>, <c>Conv2D</c>, ...</summary>
    public string Kind { get; }

    /// <summary>The Keras class in the file (<c>Dense</c>, <c>ReLU</c>, ...).</summary>
    public string KerasClass { get; }

    /// <summary>The layer's name in the Keras config (<c>dense_3</c>).</summary>
    public string Name { get; }

    /// <summary>For <c>Bidirectional</c>: the wrapped recurrent layer (forward direction); otherwise null.</summary>
    public KerasLayer? Wrapped { get; }

    /// <summary>The output shape without the batch axis.</summary>
    public IReadOnlyList<int> OutputShape { get; internal set; } = System.Array.Empty<int>();

    /// <summary>The weights in Keras <c>get_weights()</c> order (for Bidirectional: forward, then backward).</summary>
    public IReadOnlyList<KerasWeight> Weights { get; internal set; } = System.Array.Empty<KerasWeight>();

    /// <summary>The number of weight values (Keras "Param #").</summary>
    public int ParameterCount => Weights.Sum(w => w.Values.Length);

    /// <summary>The C# attribute(s) that declare this layer, e.g. <c>Dense(8, Activation.Relu, Name = "dense")</c>.</summary>
    public string Attribute => string.Join("] [", CSharpAttributes.Of(this));

    internal LayerOptions Options { get; }

    /// <summary>Where the layer's description came from, for messages: "config", or "network" for a weights-only load.</summary>
    internal string DescribedBy { get; init; } = "config";

    /// <summary>The weights the config implies, name and shape, in Keras order; filled in by the reader.</summary>
    internal List<(string Name, int[] Shape)> ExpectedWeights { get; } = new();
}
