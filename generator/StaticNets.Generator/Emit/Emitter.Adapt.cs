using System.Linq;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Layers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Emit;

internal static partial class Emitter
{
    /// <summary>
    /// Keras's <c>adapt</c> for networks with Normalization layers, each set in turn from the data that reaches it:
    /// <code>
    /// public void Adapt(ReadOnlySpan&lt;float&gt; x)
    /// {
    ///     Normalization.Adapt(...x...);   // a Normalization layer first sees x itself
    ///     AdaptLayer3(x, samples);        // later ones: the layers before, in inference mode, then the statistics
    /// }
    /// </code>
    /// </summary>
    private static void WriteAdapt(IndentedTextWriter writer, NetworkSpec spec)
    {
        int[] normalizations = Enumerable.Range(0, spec.Layers.Count).Where(l => spec.Layers[l] is NormalizationLayer).ToArray();
        if (normalizations.Length == 0)
        {
            return;
        }

        writer.Line("/// <summary>");
        writer.Line("/// Sets every Normalization layer's mean, variance and count from <paramref name=\"x\"/> (samples, row-major), as Keras's");
        writer.Line("/// <c>layer.adapt(x)</c> does: each layer, in order, from the data reaching it through the layers before it in");
        writer.Line("/// inference mode (with the earlier Normalization layers already adapted). The mean and the population variance are");
        writer.Line("/// taken over every sample and every position of the leading axes; training never changes them.");
        writer.Line("/// </summary>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"x\"/> is not a positive whole number of samples.</exception>");
        writer.Line(s_generatedCode);
        using (writer.Block("public void Adapt(global::System.ReadOnlySpan<float> x)"))
        {
            writer.Line("int samples = global::StaticNets.Runtime.Guard.Samples(x.Length, InputSize, nameof(x));");
            foreach (int l in normalizations)
            {
                if (l == 0)
                {
                    ((NormalizationLayer)spec.Layers[l]).WriteAdapt(writer, "samples", "x");
                }
                else
                {
                    writer.Line($"AdaptLayer{l + 1}(x, samples);");
                }
            }
        }

        writer.Line();
        NetworkPlan plan = spec.Plan;
        foreach (int l in normalizations.Where(l => l > 0))
        {
            var layer = (NormalizationLayer)spec.Layers[l];
            writer.Line($"/// <summary>Adapts {layer.Name} from the data the {l} layer(s) before it make of <paramref name=\"inputs\"/>.</summary>");
            writer.Line(s_generatedCode);
            using (writer.Block($"private void AdaptLayer{l + 1}(global::System.ReadOnlySpan<float> inputs, int samples)"))
            {
                writer.Line($"const int Chunk = {plan.BatchChunk};");
                writer.Line($"float[] scratch = new float[2 * Chunk * {plan.LargestOutput}{(plan.ColumnsPerSample > 0 ? Invariant.Text($" + Chunk * {plan.ColumnsPerSample}") : "")}];");
                writer.Line($"float[] data = new float[checked(samples * {layer.InputSize})];");
                writer.Line("global::System.ReadOnlySpan<float> w = _parameters.Slice(0, ParameterCount);");
                using (writer.Block("for (int start = 0; start < samples; start += Chunk)"))
                {
                    writer.Line("int n = global::System.Math.Min(Chunk, samples - start);");
                    writer.Line("global::System.ReadOnlySpan<float> x = inputs.Slice(start * InputSize, n * InputSize);");
                    writer.Line($"global::System.Span<float> y = new global::System.Span<float>(data, start * {layer.InputSize}, n * {layer.InputSize});");
                    if (plan.ColumnsPerSample > 0)
                    {
                        writer.Line($"global::System.Span<float> columns = new global::System.Span<float>(scratch, 2 * Chunk * {plan.LargestOutput}, n * {plan.ColumnsPerSample});");
                    }

                    WriteBatchLayers(writer, spec, l);
                }


                layer.WriteAdapt(writer, "samples", "data");
            }

            writer.Line();
        }
    }
}
