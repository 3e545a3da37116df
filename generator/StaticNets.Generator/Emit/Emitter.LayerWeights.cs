using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Layers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Emit;

internal static partial class Emitter
{
    /// <summary>
    /// Where each layer's weights sit in <c>Parameters</c>, by the layer's name, so a sub-model (an autoencoder's
    /// encoder) can take its layers' weights from the whole:
    /// <code>
    /// public static class Layers { public static class conv2d_1 { public const int Offset = 0, Length = 160; } ... }
    /// public static global::System.Range WeightsOf(string layerName) { switch (layerName) { case "conv2d_1": return new Range(0, 160); ... } }
    /// </code>
    /// </summary>
    private static void WriteLayerWeights(IndentedTextWriter writer, NetworkSpec spec)
        => WriteLayerWeights(writer, spec.TypeName, spec.Layers.Select(l => (l.Name, l.ParameterOffset, l.ParameterCount, Comment(l))).ToList(), real: true);

    /// <summary>A stub's <c>Layers</c>: every declared name, at offset 0 with no weights, so code naming a layer still compiles.</summary>
    private static void WriteStubLayerWeights(IndentedTextWriter writer, NetworkStubSpec spec)
        => WriteLayerWeights(writer, spec.Class.TypeName, spec.LayerNames.Select(n => (n, 0, 0, "Not known while the network has errors.")).ToList(), real: false);

    private static void WriteLayerWeights(IndentedTextWriter writer, string typeName, List<(string Name, int Offset, int Length, string Comment)> layers, bool real)
    {
        string container = ContainerName(typeName);
        writer.Line("#pragma warning disable CS8981 // a class named like a Keras layer (conv2d_1) is all lower case, on purpose");
        writer.Line($"/// <summary>Where each layer's weights sit in <see cref=\"Parameters\"/> (Keras <c>get_weights()</c> order), by the layer's name: <c>Parameters.Slice({container}.name.Offset, {container}.name.Length)</c>.</summary>");
        writer.Line(s_generatedCode);
        using (writer.Block("public static class " + container))
        {
            string[] identifiers = Identifiers(layers.Select(l => l.Name).ToList(), container);
            for (int i = 0; i < layers.Count; i++)
            {
                (string name, int offset, int length, string comment) = layers[i];
                writer.Line($"/// <summary>{Xml(name)}: {comment}</summary>");
                using (writer.Block("public static class " + identifiers[i]))
                {
                    writer.Line("/// <summary>Where the layer's weights start in <c>Parameters</c>, and how many floats they are.</summary>");
                    writer.Line($"public const int Offset = {offset}, Length = {length};");
                }
            }
        }

        writer.Line("#pragma warning restore CS8981");

        writer.Line();
        writer.Line("/// <summary>The range of <see cref=\"Parameters\"/> that holds the weights of the layer named <paramref name=\"layerName\"/> (as in <c>Summary()</c>).</summary>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">No layer has that name.</exception>");
        writer.Line(s_generatedCode);
        if (!real)
        {
            writer.Line($"public static global::System.Range WeightsOf(string layerName) => {InvalidNetwork};");
            writer.Line();
            return;
        }

        using (writer.Block("public static global::System.Range WeightsOf(string layerName)"))
        {
            writer.Line("switch (layerName)");
            using (writer.Block())
            {
                foreach ((string name, int offset, int length, _) in layers)
                {
                    writer.Line($"case {Literal(name)}: return new global::System.Range({offset}, {offset + length});");
                }

                string known = string.Join(", ", layers.Select(l => "'" + l.Name + "'"));
                writer.Line($"default: throw new global::System.ArgumentException({Literal("No layer of " + typeName.TrimStart('@') + " is named '")} + layerName + {Literal("'; its layers are " + known + ".")}, nameof(layerName));");
            }
        }

        writer.Line();
    }

    /// <summary><c>Conv2D(16, 3×3, ...): kernel (3, 3, 1, 16), bias (16).</c></summary>
    private static string Comment(LayerSpec layer)
    {
        IEnumerable<string> weights = layer.PlacedWeights().Select(w => Invariant.Text($"{w.Weight.Name} ({Shapes.Join(w.Weight.Shape)})"));
        string list = layer.ParameterCount == 0 ? "no weights" : string.Join(", ", weights);
        return Xml(Invariant.Text($"{layer.Describe()}; {list}."));
    }

    /// <summary>The nested class's name: <c>Layers</c>, unless the network itself is called that.</summary>
    private static string ContainerName(string typeName) => typeName.TrimStart('@') == "Layers" ? "LayerWeights" : "Layers";

    /// <summary>
    /// The layers' names as C# identifiers: a name that is one stays itself (a keyword gets <c>@</c>); any other has its
    /// other characters replaced by <c>_</c> (and <c>_2</c>, ... where that meets a name already taken). None is the
    /// container's own name.
    /// </summary>
    private static string[] Identifiers(List<string> names, string container)
    {
        var identifiers = new string[names.Count];
        var used = new HashSet<string>();
        for (int i = 0; i < names.Count; i++)
        {
            // A stub's names may repeat (SN0012): the second one is then made unique below.
            if (IsIdentifier(names[i]) && names[i] != container && used.Add(names[i]))
            {
                identifiers[i] = names[i];
            }
        }

        for (int i = 0; i < names.Count; i++)
        {
            if (identifiers[i] is not null)
            {
                continue;
            }

            var text = new System.Text.StringBuilder(names[i].Length + 1);
            foreach (char c in names[i])
            {
                text.Append(SyntaxFacts.IsIdentifierPartCharacter(c) ? c : '_');
            }

            if (text.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(text[0]))
            {
                text.Insert(0, '_');
            }

            string identifier = text.ToString() == container ? container + "_" : text.ToString();
            string unique = identifier;
            for (int n = 2; used.Contains(unique); n++)
            {
                unique = Invariant.Text($"{identifier}_{n}");
            }

            used.Add(unique);
            identifiers[i] = unique;
        }

        return identifiers.Select(i => SyntaxFacts.GetKeywordKind(i) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(i) != SyntaxKind.None ? "@" + i : i).ToArray();
    }

    private static bool IsIdentifier(string name)
        => name.Length > 0 && SyntaxFacts.IsIdentifierStartCharacter(name[0]) && name.All(SyntaxFacts.IsIdentifierPartCharacter);

    /// <summary>Text for an XML doc comment.</summary>
    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
