using System.Collections.Generic;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Layers;

/// <summary>
/// A layer whose output is its input's floats under another shape, in every mode (Flatten, Reshape): no code, no
/// buffer, and its gradient is the next layer's, the same floats.
/// </summary>
internal abstract record ReshapingLayer(LayerPlace Place) : LayerSpec(Place)
{
    public sealed override IReadOnlyList<WeightSpec> Weights() => NoWeights;

    public sealed override bool IsIdentityAtInference => true;

    public sealed override bool WritesTrainingOutput => false;

    /// <summary>Nothing to compute: the frames pass the same buffer on (<see cref="IsIdentityAtInference"/>).</summary>
    public sealed override void WriteInference(IndentedTextWriter writer, InferenceCall call)
    {
    }

    /// <summary>Nothing to compute: the frame names the input as this layer's output (<see cref="WritesTrainingOutput"/>).</summary>
    public sealed override void WriteTrainingForward(IndentedTextWriter writer, TrainingCall call)
    {
    }

    public sealed override GradientRoute WriteBackward(IndentedTextWriter writer, BackwardCall call) => GradientRoute.SameFloats;
}
