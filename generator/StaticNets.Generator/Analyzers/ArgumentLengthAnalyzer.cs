using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using StaticNets.Generator.Diagnostics;
using StaticNets.Generator.Helpers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Analyzers;

/// <summary>
/// Checks, at the call site, buffers whose length the compiler knows (<c>new float[3]</c>, <c>stackalloc float[3]</c>,
/// array initialisers, collection expressions) against the network's sizes: <c>Predict</c>'s input and output,
/// <c>PredictBatch</c>'s whole samples, and the samples passed to <c>Fit</c>, <c>Evaluate</c>, <c>TrainOnBatch</c> and
/// <c>ComputeGradients</c>. What would be an <c>ArgumentException</c> at run time becomes SN0015 on the argument.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ArgumentLengthAnalyzer : DiagnosticAnalyzer
{
    /// <summary>What a parameter must hold: exactly one sample, or whole samples.</summary>
    private enum Rule
    {
        ExactlyInput,
        ExactlyOutput,
        WholeInputs,
        WholeOutputs,
        ExactlyParameters,
    }

    private static readonly Dictionary<(string Method, string Parameter), Rule> s_rules = new()
    {
        [("Predict", "input")] = Rule.ExactlyInput,
        [("Predict", "output")] = Rule.ExactlyOutput,
        [("PredictBatch", "inputs")] = Rule.WholeInputs,
        [("PredictBatch", "outputs")] = Rule.WholeOutputs,
        [("Fit", "x")] = Rule.WholeInputs,
        [("Evaluate", "x")] = Rule.WholeInputs,
        [("TrainOnBatch", "x")] = Rule.WholeInputs,
        [("ComputeGradients", "x")] = Rule.WholeInputs,
        [("ComputeGradients", "gradients")] = Rule.ExactlyParameters,
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.WrongArgumentLength);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // Each network's sizes, parsed once per compilation (null: not a valid network).
            var sizes = new ConcurrentDictionary<INamedTypeSymbol, NetworkSpec?>(SymbolEqualityComparer.Default);
            start.RegisterOperationAction(operation => Analyze(operation, sizes), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, ConcurrentDictionary<INamedTypeSymbol, NetworkSpec?> specs)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        if (!s_rules.Keys.Any(k => k.Method == method.Name))
        {
            return;
        }

        // The network: the receiver of an instance call, or the `this` argument of an extension method.
        IOperation? receiver = method.IsExtensionMethod ? invocation.Arguments.FirstOrDefault()?.Value : invocation.Instance;
        if (Unwrap(receiver)?.Type is not INamedTypeSymbol type)
        {
            return;
        }

        NetworkSpec? spec = specs.GetOrAdd(type, t => NetworkParser.ParseType(t, context.CancellationToken).Spec);
        if (spec is null)
        {
            return;
        }

        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter is null
                || !s_rules.TryGetValue((method.Name, argument.Parameter.Name), out Rule rule)
                || KnownLength(argument.Value) is not int length)
            {
                continue;
            }

            (bool ok, string expected, string meaning) = rule switch
            {
                Rule.ExactlyInput => (length == spec.InputSize, Numbers.WithSeparators(spec.InputSize), "InputSize of " + spec.TypeName),
                Rule.ExactlyOutput => (length == spec.OutputSize, Numbers.WithSeparators(spec.OutputSize), "OutputSize of " + spec.TypeName),
                Rule.WholeInputs => (length > 0 && length % spec.InputSize == 0, "a positive multiple of " + Numbers.WithSeparators(spec.InputSize), "InputSize of " + spec.TypeName),
                Rule.WholeOutputs => (length % spec.OutputSize == 0, "a multiple of " + Numbers.WithSeparators(spec.OutputSize), "OutputSize of " + spec.TypeName),
                _ => (length == spec.ParameterCount, Numbers.WithSeparators(spec.ParameterCount), "ParameterCount of " + spec.TypeName),
            };
            if (!ok)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.WrongArgumentLength,
                    argument.Syntax.GetLocation(),
                    method.Name,
                    expected,
                    argument.Parameter.Name,
                    meaning,
                    Numbers.WithSeparators(length)));
            }
        }
    }

    /// <summary>The element count of a buffer written out at the call, or null when it is not known at compile time.</summary>
    private static int? KnownLength(IOperation value)
    {
        ExpressionSyntax? syntax = Unwrap(value)?.Syntax as ExpressionSyntax;
        while (syntax is ParenthesizedExpressionSyntax parenthesized)
        {
            syntax = parenthesized.Expression;
        }

        SemanticModel? model = value.SemanticModel;
        return syntax switch
        {
            ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions.Count,
            ArrayCreationExpressionSyntax array => ConstantSize(array.Type, model),
            ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions.Count,
            StackAllocArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions.Count,
            StackAllocArrayCreationExpressionSyntax { Type: ArrayTypeSyntax arrayType } => ConstantSize(arrayType, model),
            ImplicitStackAllocArrayCreationExpressionSyntax implicitStackalloc => implicitStackalloc.Initializer.Expressions.Count,
            CollectionExpressionSyntax collection when collection.Elements.All(e => e is ExpressionElementSyntax) => collection.Elements.Count,
            _ => null,
        };
    }

    private static int? ConstantSize(ArrayTypeSyntax type, SemanticModel? model)
    {
        if (model is null || type.RankSpecifiers.Count != 1 || type.RankSpecifiers[0].Sizes.Count != 1)
        {
            return null;
        }

        return model.GetConstantValue(type.RankSpecifiers[0].Sizes[0]) is { HasValue: true, Value: int size } ? size : null;
    }

    /// <summary>Looks through the implicit conversions (array to span, to interface) the call adds.</summary>
    private static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
