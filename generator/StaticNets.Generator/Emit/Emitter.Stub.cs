using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Emit;

internal static partial class Emitter
{
    private const string InvalidNetwork = "throw new global::System.InvalidOperationException(Invalid)";

    /// <summary>
    /// The members of a network whose declaration has an SN error: the same public surface as a valid network, so
    /// call sites compile and the SN error on the attribute is the only error the user sees. Constants it can compute
    /// are real (the input shape when that is valid); the rest are 0 and empty; constructors and methods throw.
    /// <code>
    /// public const int InputSize = 2; public const int OutputSize = 0; ...
    /// public Net(int seed) => throw new InvalidOperationException("Network 'Net' has errors (see its SN diagnostics)...");
    /// </code>
    /// </summary>
    public static string EmitStub(NetworkStubSpec spec)
    {
        var writer = new IndentedTextWriter();
        string name = spec.Class.TypeName.TrimStart('@');
        using (OpenClass(writer, spec.Class, ": global::StaticNets.ITrainableNetwork", () =>
        {
            writer.Line("/// <summary>");
            writer.Line($"/// Network '{name}' has errors in its declaration (see its SN diagnostics), so StaticNets generated no code for it.");
            writer.Line("/// Its members exist so that code using it still compiles; its constructors throw <see cref=\"global::System.InvalidOperationException\"/>.");
            writer.Line("/// </summary>");
        }))
        {
            writer.Line($"private const string Invalid = {Literal($"Network '{name}' has errors in its declaration (see its SN diagnostics); fix them and rebuild.")};");
            writer.Line();
            const string Note = " While the network has errors, only what follows from a valid [Input] is real; the rest is 0.";
            WriteConstants(writer, spec.InputShape, EquatableArray<int>.Empty, 0, 0, 0, Note);
            Member(writer, "Creates the network: not possible while it has errors.", Invariant.Text($"public {spec.Class.TypeName}() => {InvalidNetwork};"));
            Member(writer, "Creates the network: not possible while it has errors.", Invariant.Text($"public {spec.Class.TypeName}(int seed) => {InvalidNetwork};"));
            Member(writer, "Not available while the network has errors.", $"{ParametersSignature} => {InvalidNetwork};");
            WriteStubLayerWeights(writer, spec);
            Member(writer, "Not available while the network has errors.", $"{PredictSignature} => {InvalidNetwork};");
            Member(writer, "Not available while the network has errors.", $"{PredictArraySignature} => {InvalidNetwork};");
            Member(writer, "Not available while the network has errors.", $"{PredictBatchSignature} => {InvalidNetwork};");
            Member(writer, "Not available while the network has errors.", Invariant.Text($"public int PredictBatchThreads {{ get => {InvalidNetwork}; set => {InvalidNetwork}; }}"));
            Member(writer, "Not available while the network has errors.", $"{SummarySignature} => {InvalidNetwork};");
            if (spec.HasNormalization)
            {
                Member(writer, "Not available while the network has errors.", Invariant.Text($"public void Adapt(global::System.ReadOnlySpan<float> x) => {InvalidNetwork};"));
            }

            foreach (string member in s_networkForwarders)
            {
                writer.Line(member);
            }

            writer.Line($"string global::StaticNets.INetwork.Architecture => {InvalidNetwork};");
            writer.Line($"global::StaticNets.TrainingConfiguration? global::StaticNets.ITrainableNetwork.Training {{ get => {InvalidNetwork}; set => {InvalidNetwork}; }}");
            writer.Line($"global::StaticNets.Activation global::StaticNets.ITrainableNetwork.OutputActivation => {InvalidNetwork};");
            writer.Line($"global::System.ReadOnlySpan<int> global::StaticNets.ITrainableNetwork.NonTrainableRanges => {InvalidNetwork};");
            writer.Line($"float global::StaticNets.ITrainableNetwork.ComputeGradients(global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<float> targets, global::StaticNets.Loss loss, global::System.Span<float> gradients, global::System.Span<float> outputs) => {InvalidNetwork};");
        }

        return writer.ToString();
    }
}
