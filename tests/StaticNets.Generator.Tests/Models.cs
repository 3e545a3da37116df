namespace StaticNets.Generator.Tests;

/// <summary>Network declarations shared by the snapshot, compile and caching tests.</summary>
internal static class Models
{
    /// <summary>Small enough that every layer is unrolled.</summary>
    public const string Tiny = """
        using StaticNets;

        namespace Demo;

        [Input(3)]
        [Dense(2, Activation.Relu)]
        [Dense(1)]
        public partial class TinyNet { }
        """;

    /// <summary>Net B of the benchmarks (784 → 128 relu → 64 relu → 10): layers large enough to loop over inputs and column blocks.</summary>
    public const string Large = """
        using StaticNets;

        namespace Demo;

        [Input(784)]
        [Dense(128, Activation.Relu)]
        [Dense(64, Activation.Relu)]
        [Dense(10, Activation.Softmax)]
        public partial class LargeNet { }
        """;

    /// <summary>The convolutional and shape layers with strides, Same padding and a rectangular kernel: the CNN snapshot.</summary>
    public const string Cnn = """
        using StaticNets;

        namespace Demo;

        [Input(12, 10, 2)]
        [Conv2D(4, 3, Activation.Relu, KernelWidth = 2, Strides = 2, Padding = Padding.Same)]
        [MaxPooling2D(2, Strides = 1, Padding = Padding.Same)]
        [Conv2D(6, 3, UseBias = false)]
        [BatchNormalization]
        [AveragePooling2D(2, Padding = Padding.Same)]
        [Dropout(0.25)]
        [Flatten]
        [Reshape(4, -1)]
        [Conv1D(5, 2, Activation.Tanh)]
        [MaxPooling1D(2, Padding = Padding.Same)]
        [GlobalAveragePooling1D]
        [Dense(3, Activation.Softmax)]
        public partial class CnnNet { }
        """;

    /// <summary>One Dense layer per activation, so every activation's code path is emitted.</summary>
    public static readonly string EveryActivation = """
        using StaticNets;

        namespace Demo;

        [Input(4)]
        """ + "\n" + string.Join("\n", System.Enum.GetNames<Activation>().Select(a => $"[Dense(5, Activation.{a})]")) + """

        public partial class EveryActivationNet { }
        """;

    /// <summary>Nested in a generic, partial class in a nested namespace; rank-2 input; named, bias-free layer.</summary>
    public const string Nested = """
        using StaticNets;

        namespace Outer.Inner
        {
            public partial class Container<T>
            {
                [Input(3, 5)]
                [Dense(4, Activation.Tanh, UseBias = false, Name = "hidden")]
                [Dense(2)]
                internal partial class NestedNet { }
            }
        }
        """;

    /// <summary>Many columns (loops over column blocks) and an odd width (vector tails).</summary>
    public const string Wide = """
        using StaticNets;

        [Input(37)]
        [Dense(300, Activation.LeakyRelu)]
        [Dense(7, Activation.Relu6)]
        [Dense(3, Activation.Linear, UseBias = false)]
        public partial class WideNet { }
        """;
}
