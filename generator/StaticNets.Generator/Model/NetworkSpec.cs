using StaticNets.Generator.Helpers;
using StaticNets.Generator.Layers;

namespace StaticNets.Generator.Model;

/// <summary>
/// Everything the emitter needs for one valid network, and nothing from Roslyn, so that equal declarations give
/// equal specs and the emitter's output is cached.
/// </summary>
/// <param name="Class">Where the class is and what it is called.</param>
/// <param name="InputShape">The declared input shape (no batch axis).</param>
/// <param name="Layers">The layers in declaration order, with shapes and parameter offsets.</param>
/// <param name="Plan">The memory layout every emitter reads (<see cref="NetworkPlan.For"/>).</param>
/// <param name="Step">The one-step form of a network that streams (<c>CreateState</c>/<c>Step</c>), or null.</param>
internal sealed record NetworkSpec(
    ClassSpec Class,
    EquatableArray<int> InputShape,
    EquatableArray<LayerSpec> Layers,
    NetworkPlan Plan,
    StepNetwork? Step = null)
{
    public string TypeName => Class.TypeName;

    public int InputSize => Shapes.Product(InputShape);

    public EquatableArray<int> OutputShape => Layers.Count == 0 ? InputShape : Layers[Layers.Count - 1].OutputShape;

    public int OutputSize => Shapes.Product(OutputShape);

    public int ParameterCount => Sum(layer => layer.ParameterCount);

    /// <summary>Weights no optimizer changes (BatchNormalization moving statistics).</summary>
    public int NonTrainableParameterCount => Sum(layer => layer.NonTrainableCount);

    public int TrainableParameterCount => ParameterCount - NonTrainableParameterCount;

    private int Sum(System.Func<LayerSpec, int> count)
    {
        int total = 0;
        foreach (LayerSpec layer in Layers)
        {
            total += count(layer);
        }

        return total;
    }
}

/// <summary>The network class: its namespace, enclosing types and name, as the generated partial declaration reopens it.</summary>
/// <param name="Namespace">The containing namespace, or empty for the global namespace.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
/// <param name="TypeName">The class's name as C# source (a keyword gets an <c>@</c>).</param>
internal sealed record ClassSpec(string Namespace, EquatableArray<ContainingTypeSpec> ContainingTypes, string TypeName)
{
    /// <summary>The fully qualified display name, used for the hint name and messages.</summary>
    public string FullName
    {
        get
        {
            var name = new System.Text.StringBuilder();
            if (Namespace.Length > 0)
            {
                name.Append(Namespace).Append('.');
            }

            foreach (ContainingTypeSpec type in ContainingTypes)
            {
                name.Append(type.Name).Append('.');
            }

            return name.Append(TypeName).ToString();
        }
    }
}

/// <summary>
/// A network whose declaration has an SN error: its class still gets the public members (constants it can compute,
/// constructors and methods that throw <c>InvalidOperationException</c>), so that the SN error is the only error the
/// user sees rather than a cascade of CS errors at every call site.
/// </summary>
/// <param name="Class">Where the class is and what it is called.</param>
/// <param name="InputShape">The input shape when it is valid, else empty.</param>
/// <param name="LayerNames">The layers' names (as <c>Summary()</c> would print them) when the attributes could be read.</param>
/// <param name="HasNormalization">Whether a Normalization layer is declared, so the class gets <c>Adapt</c> too.</param>
internal sealed record NetworkStubSpec(ClassSpec Class, EquatableArray<int> InputShape, EquatableArray<string> LayerNames = default, bool HasNormalization = false);
