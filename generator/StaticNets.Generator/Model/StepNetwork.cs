using StaticNets.Generator.Helpers;
using StaticNets.Generator.Layers;

namespace StaticNets.Generator.Model;

/// <summary>
/// The network as <c>Step</c> runs it: the same layers, names and weights, checked again for a sequence of one step, so
/// that every layer's code works on one step's floats and each recurrent layer carries its state in a stream.
/// </summary>
/// <param name="InputShape">One step's input: <c>(1, features)</c>, or <c>(1)</c> (one id) after an Embedding.</param>
/// <param name="Layers">The layers with one-step shapes.</param>
/// <param name="Plan">Their memory layout.</param>
internal sealed record StepNetwork(EquatableArray<int> InputShape, EquatableArray<LayerSpec> Layers, NetworkPlan Plan)
{
    public int InputSize => Shapes.Product(InputShape);

    public int OutputSize => Shapes.Product(Layers[Layers.Count - 1].OutputShape);

    /// <summary>Floats of one stream's state: every recurrent layer's h (and c), in layer order.</summary>
    public int StateSize
    {
        get
        {
            int size = 0;
            foreach (LayerSpec layer in Layers)
            {
                size += layer.StateSize;
            }

            return size;
        }
    }
}
