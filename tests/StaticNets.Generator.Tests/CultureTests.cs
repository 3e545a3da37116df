using System.Globalization;

namespace StaticNets.Generator.Tests;

/// <summary>The generated code is the same whatever the culture of the compiler's process.</summary>
public class CultureTests
{
    [Fact]
    public void GeneratedCode_IsTheSameUnderAnyCulture()
    {
        // Negative numbers, decimals and thousands in every kind of generated text: weights offsets, float literals
        // (Dropout rate, BN epsilon and momentum, Rescaling), Reshape's −1, comments, the summary.
        const string source = """
            using StaticNets;
            [Input(30, 30, 3)]
            [Rescaling(-0.0039215686, 1.5)]
            [Conv2D(40, 3, Activation.Relu, Padding = Padding.Same)]
            [BatchNormalization(Momentum = 0.875, Epsilon = 1e-5)]
            [Dropout(0.25)]
            [Reshape(-1, 40)]
            [GlobalAveragePooling1D]
            [Dense(1200, Activation.Relu)]
            [Dense(10, Activation.Softmax)]
            public partial class Net { }
            """;
        string invariant = Generate(source, CultureInfo.InvariantCulture);

        // A culture unlike any real one in every respect that matters: minus sign, decimal and group separators.
        var odd = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        odd.NumberFormat.NegativeSign = "\u2212";
        odd.NumberFormat.NumberDecimalSeparator = ",";
        odd.NumberFormat.NumberGroupSeparator = ".";
        odd.NumberFormat.PositiveSign = "⁺";
        Assert.Equal(invariant, Generate(source, odd));
        Assert.Equal(invariant, Generate(source, CultureInfo.GetCultureInfo("sv-SE")));
        Assert.Contains("Rescaling.Forward(-0.0039215", invariant, StringComparison.Ordinal);
    }

    private static string Generate(string source, CultureInfo culture)
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            var (_, diagnostics, run) = GeneratorHarness.Run(source);
            Assert.Empty(diagnostics);
            return GeneratorHarness.GeneratedText(run);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
