using System.Collections.Generic;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Layers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Parsing;

/// <summary>
/// Where an <c>Embedding(MaskZero = true)</c> mask travels, as Keras propagates it: from the Embedding through the
/// layers that pass it on, to the layers that use it, until a layer drops it (<see cref="MaskUse"/>). Since the Embedding
/// is first, the mask of a step is whether the network's input id there is non-zero: the layers that use it read the
/// network input, and nothing needs to be stored.
/// </summary>
internal static class SequenceMasks
{
    /// <summary>For each layer, whether a mask reaches its input.</summary>
    public static EquatableArray<bool> Reaching(IReadOnlyList<LayerSpec> layers)
    {
        var reaching = new bool[layers.Count];
        bool live = false;
        for (int l = 0; l < layers.Count; l++)
        {
            reaching[l] = live;
            live = layers[l].MaskUse switch
            {
                MaskUse.Produces => true,
                MaskUse.Passes or MaskUse.UsesAndPasses => live,
                _ => false,
            };
        }

        return reaching.ToEquatableArray();
    }

    /// <summary>SN1005 on <c>MaskZero</c> when no layer the mask reaches uses it.</summary>
    public static void Lint(IReadOnlyList<LayerSpec> layers, IReadOnlyList<DeclaredLayer> declared, List<DiagnosticInfo> diagnostics)
    {
        for (int l = 0; l < layers.Count; l++)
        {
            if (layers[l].MaskUse != MaskUse.Produces)
            {
                continue;
            }

            string? reason = "no layer after it uses the mask";
            for (int next = l + 1; next < layers.Count; next++)
            {
                MaskUse use = layers[next].MaskUse;
                if (use is MaskUse.Uses or MaskUse.UsesAndPasses)
                {
                    reason = null;
                    break;
                }

                if (use != MaskUse.Passes)
                {
                    reason = Invariant.Text($"layer '{layers[next].Name}' ({layers[next].KerasClass}) drops it before any layer uses it");
                    break;
                }
            }

            if (reason is not null)
            {
                Argument<bool> maskZero = declared[l].Arguments.Named("MaskZero", false);
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnusedMask, maskZero.Location ?? declared[l].Arguments.Location, layers[l].Name, reason));
            }
        }
    }
}
