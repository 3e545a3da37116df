using System;

namespace StaticNets;

/// <summary>
/// Keras <c>Normalization</c> over the last axis: <c>(x − mean) / max(sqrt(variance), 1e-7)</c> per feature, the same in
/// training and at inference. The statistics are weights that training never changes, set from data by the generated
/// <c>Adapt(x)</c> (Keras <c>layer.adapt(data)</c>): mean <c>(features)</c>, variance <c>(features)</c> and count (one
/// float, the positions seen), all non-trainable, so they are saved with the other weights. Before <c>Adapt</c> the
/// mean is 0, the variance 1 and the count 0: the layer is the identity.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class NormalizationAttribute : LayerAttribute
{
}
