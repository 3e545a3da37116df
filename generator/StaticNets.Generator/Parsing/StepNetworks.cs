using System.Collections.Generic;
using System.Linq;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Layers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Parsing;

/// <summary>
/// Decides whether a network streams (<c>CreateState</c>/<c>Step</c>) and builds its one-step form. A network streams
/// when a layer keeps state (a recurrent layer, a causal Conv1D) and every layer works one time step at a time
/// (<see cref="LayerSpec.StreamsSteps"/>: Embedding, forward recurrent layers, causal or one-tap Conv1D with stride 1,
/// Dense, Activation, Rescaling, Dropout, normalisation); at most the last recurrent layer may return only its last
/// output, which the rank checks already ensure.
/// </summary>
internal static class StepNetworks
{
    public static StepNetwork? For(string networkName, EquatableArray<int> input, IReadOnlyList<DeclaredLayer> declared, EquatableArray<LayerSpec> layers)
    {
        if (!layers.Any(l => l.StateSize > 0) || !layers.All(l => l.StreamsSteps))
        {
            return null;
        }

        // One step: the steps axis (the first) becomes 1; the layers are checked again, and must check (they did for more steps).
        Argument<int>[] oneStep = input.Select((d, i) => new Argument<int>(i == 0 ? 1 : d, null)).ToArray();
        var ignored = new List<DiagnosticInfo>();
        CheckedNetwork step = NetworkChecker.Check(networkName, oneStep, null, declared, ignored);
        if (step.Layers is not { } stepLayers || stepLayers.Count != layers.Count)
        {
            return null;
        }

        EquatableArray<int> stepInput = oneStep.Select(d => d.Value).ToEquatableArray();
        return new StepNetwork(stepInput, stepLayers, NetworkPlan.For(Shapes.Product(stepInput), stepLayers.AsSpan().ToArray()));
    }
}
