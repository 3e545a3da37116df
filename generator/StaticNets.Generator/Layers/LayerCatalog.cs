using System.Collections.Generic;
using StaticNets.Generator.Helpers;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Layers;

/// <summary>Reads, checks and infers one layer from its attribute; null after an error diagnostic (or an unknown input shape).</summary>
internal delegate LayerSpec? LayerBuilder(LayerArguments arguments, LayerContext context);

/// <summary>A layer kind: its runtime attribute, Keras's default-name prefix, and the layer type's builder.</summary>
/// <param name="AttributeName">The runtime attribute class in namespace <c>StaticNets</c>.</param>
/// <param name="NamePrefix">Keras's default name: snake_case of the class name (<c>MaxPooling2D</c> → <c>max_pooling2d</c>), numbered per kind from 1.</param>
/// <param name="Build">The layer type's <c>Build</c>.</param>
/// <param name="Role">Whether the kind is a recurrent layer, or a wrapper of the recurrent layer declared after it.</param>
internal sealed record LayerKind(string AttributeName, string NamePrefix, LayerBuilder Build, LayerRole Role = LayerRole.Layer);

/// <summary>How the checker treats a kind's attribute.</summary>
internal enum LayerRole
{
    /// <summary>A layer of its own.</summary>
    Layer,

    /// <summary>A recurrent layer: it may be wrapped.</summary>
    Recurrent,

    /// <summary>Wraps the recurrent layer declared right after it; the two are one layer (Bidirectional).</summary>
    Wrapper,
}

/// <summary>
/// Every layer kind the generator knows, by attribute. A StaticNets layer attribute missing here is reported as SN9999
/// on the attribute, never treated as an identity layer: adding a layer means one line here and one layer type.
/// </summary>
internal static class LayerCatalog
{
    private static readonly LayerKind[] s_kinds =
    {
        new LayerKind("DenseAttribute", "dense", DenseLayer.Build),
        new LayerKind("Conv1DAttribute", "conv1d", ConvolutionLayer.Build1D),
        new LayerKind("Conv2DAttribute", "conv2d", ConvolutionLayer.Build2D),
        new LayerKind("MaxPooling1DAttribute", "max_pooling1d", PoolingLayer.BuildMax1D),
        new LayerKind("MaxPooling2DAttribute", "max_pooling2d", PoolingLayer.BuildMax2D),
        new LayerKind("AveragePooling1DAttribute", "average_pooling1d", PoolingLayer.BuildAverage1D),
        new LayerKind("AveragePooling2DAttribute", "average_pooling2d", PoolingLayer.BuildAverage2D),
        new LayerKind("GlobalAveragePooling1DAttribute", "global_average_pooling1d", GlobalPoolingLayer.BuildAverage1D),
        new LayerKind("GlobalAveragePooling2DAttribute", "global_average_pooling2d", GlobalPoolingLayer.BuildAverage2D),
        new LayerKind("GlobalMaxPooling1DAttribute", "global_max_pooling1d", GlobalPoolingLayer.BuildMax1D),
        new LayerKind("GlobalMaxPooling2DAttribute", "global_max_pooling2d", GlobalPoolingLayer.BuildMax2D),
        new LayerKind("FlattenAttribute", "flatten", FlattenLayer.Build),
        new LayerKind("ReshapeAttribute", "reshape", ReshapeLayer.Build),
        new LayerKind("DropoutAttribute", "dropout", DropoutLayer.Build),
        new LayerKind("BatchNormalizationAttribute", "batch_normalization", BatchNormalizationLayer.Build),
        new LayerKind("LayerNormalizationAttribute", "layer_normalization", LayerNormalizationLayer.Build),
        new LayerKind("NormalizationAttribute", "normalization", NormalizationLayer.Build),
        new LayerKind("ActivationAttribute", "activation", ActivationLayer.Build),
        new LayerKind("RescalingAttribute", "rescaling", RescalingLayer.Build),
        new LayerKind("UpSampling1DAttribute", "up_sampling1d", UpSamplingLayer.Build1D),
        new LayerKind("UpSampling2DAttribute", "up_sampling2d", UpSamplingLayer.Build2D),
        new LayerKind("Conv2DTransposeAttribute", "conv2d_transpose", ConvolutionTransposeLayer.Build),
        new LayerKind("ZeroPadding2DAttribute", "zero_padding2d", ZeroPadding2DLayer.Build),
        new LayerKind("Cropping2DAttribute", "cropping2d", Cropping2DLayer.Build),
        new LayerKind("EmbeddingAttribute", "embedding", EmbeddingLayer.Build),
        new LayerKind("SimpleRNNAttribute", "simple_rnn", RecurrentLayer.BuildSimpleRnn, LayerRole.Recurrent),
        new LayerKind("LSTMAttribute", "lstm", RecurrentLayer.BuildLstm, LayerRole.Recurrent),
        new LayerKind("GRUAttribute", "gru", RecurrentLayer.BuildGru, LayerRole.Recurrent),
        new LayerKind("BidirectionalAttribute", "bidirectional", BidirectionalLayer.Build, LayerRole.Wrapper),
    };

    private static readonly Dictionary<string, LayerKind> s_byAttribute = Index(s_kinds);

    /// <summary>All kinds, in catalog order.</summary>
    public static IReadOnlyList<LayerKind> All => s_kinds;

    /// <summary>The kind of an attribute class in namespace <c>StaticNets</c>, or null.</summary>
    public static LayerKind? Find(string attributeName) => s_byAttribute.TryGetValue(attributeName, out LayerKind? kind) ? kind : null;

    /// <summary>
    /// The attributes' names as written in source: <c>Dense</c> and <c>DenseAttribute</c>, for the generator's syntactic
    /// filter (a type spelled with an alias slips through it; the analyzer still reports it).
    /// </summary>
    private static readonly HashSet<string> s_writtenNames = WrittenNames(s_kinds);

    /// <summary>
    /// A cheap syntactic look at a type declaration: a layer attribute's name, and no <c>Input</c> (those classes reach
    /// the generator through <c>[Input]</c>). The semantic check follows for the few that pass.
    /// </summary>
    public static bool MayBeNetworkWithoutInput(TypeDeclarationSyntax type)
    {
        bool layer = false;
        foreach (AttributeListSyntax list in type.AttributeLists)
        {
            foreach (AttributeSyntax attribute in list.Attributes)
            {
                string name = SimpleName(attribute.Name);
                if (name is "Input" or "InputAttribute")
                {
                    return false;
                }

                layer |= s_writtenNames.Contains(name);
            }
        }

        return layer;
    }

    private static string SimpleName(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => "",
    };

    private static HashSet<string> WrittenNames(LayerKind[] kinds)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (LayerKind kind in kinds)
        {
            names.Add(kind.AttributeName);
            names.Add(kind.AttributeName.Substring(0, kind.AttributeName.Length - "Attribute".Length));
        }

        return names;
    }

    private static Dictionary<string, LayerKind> Index(LayerKind[] kinds)
    {
        var index = new Dictionary<string, LayerKind>();
        foreach (LayerKind kind in kinds)
        {
            index.Add(kind.AttributeName, kind);
        }

        return index;
    }
}
