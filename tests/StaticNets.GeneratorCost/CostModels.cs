/// <summary>The models measured: the snapshot models, the README's networks, a deep CNN with every layer kind.</summary>
internal static class CostModels
{
    public static readonly (string Name, string Source)[] All =
    [
        ("Tiny", "[Input(3)] [Dense(2, Activation.Relu)] [Dense(1)]"),
        ("NetA", "[Input(2)] [Dense(10, Activation.Relu)] [Dense(1)]"),
        ("NetB", "[Input(784)] [Dense(128, Activation.Relu)] [Dense(64, Activation.Relu)] [Dense(10, Activation.Softmax)]"),
        ("Wide", "[Input(37)] [Dense(300, Activation.LeakyRelu)] [Dense(7, Activation.Relu6)] [Dense(3, Activation.Linear, UseBias = false)]"),
        ("Activations", "[Input(4)] " + string.Join(" ", Enum.GetNames<StaticNets.Activation>().Select(a => $"[Dense(5, Activation.{a})]"))),
        ("FashionMlp", "[Input(28, 28)] [Flatten] [Dense(128, Activation.Relu)] [Dense(10)]"),
        ("FashionCnn", "[Input(28, 28, 1)] [Conv2D(32, 3, Activation.Relu)] [MaxPooling2D(2)] [Conv2D(64, 3, Activation.Relu)] [MaxPooling2D(2)] [Flatten] [Dense(64, Activation.Relu)] [Dense(10)]"),
        ("SnapshotCnn", "[Input(12, 10, 2)] [Conv2D(4, 3, Activation.Relu, KernelWidth = 2, Strides = 2, Padding = Padding.Same)] [MaxPooling2D(2, Strides = 1, Padding = Padding.Same)] [Conv2D(6, 3, UseBias = false)] [BatchNormalization] [AveragePooling2D(2, Padding = Padding.Same)] [Dropout(0.25)] [Flatten] [Reshape(4, -1)] [Conv1D(5, 2, Activation.Tanh)] [MaxPooling1D(2, Padding = Padding.Same)] [GlobalAveragePooling1D] [Dense(3, Activation.Softmax)]"),
        ("DeepCnn", "[Input(64, 64, 3)] "
            + string.Concat(Enumerable.Range(0, 3).Select(b =>
                "[Conv2D(32, 3, Activation.Relu, Padding = Padding.Same, UseBias = false)] [BatchNormalization] "
                + $"[Conv2D(32, 3, Activation.{(b % 2 == 0 ? "Elu" : "Gelu")}, KernelWidth = 2, Strides = 2, Padding = Padding.Same)] "
                + (b % 2 == 0 ? "[MaxPooling2D(2, Strides = 1, Padding = Padding.Same)] " : "[AveragePooling2D(2, Padding = Padding.Same)] ")
                + "[Dropout(0.25)] "))
            + "[Conv2D(32, 1)] [Reshape(-1, 32)] [Conv1D(32, 3, Activation.Tanh, Padding = Padding.Same)] [MaxPooling1D(2, Padding = Padding.Same)] "
            + "[AveragePooling1D(1)] [GlobalAveragePooling1D] [Flatten] [Dense(64, Activation.Relu)] [BatchNormalization] [Dense(10, Activation.Softmax)]"),
    ];

    static CostModels()
    {
        for (int i = 0; i < All.Length; i++)
        {
            All[i].Source = "using StaticNets;\nnamespace Cost;\n" + All[i].Source.Replace("] [", "]\n[") + "\npublic partial class " + All[i].Name + " { }\n";
        }
    }
}
