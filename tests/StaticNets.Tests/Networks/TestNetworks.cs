namespace StaticNets.Tests.Networks;

/// <summary>Net B, the benchmark network (784 → 128 relu → 64 relu → 10), here with a softmax output.</summary>
[Input(784)]
[Dense(128, Activation.Relu)]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class NetB { }

/// <summary>Dense on a rank-2 input: applied to each of the 4 rows (Keras semantics), on purpose here.</summary>
#pragma warning disable SN1002
[Input(4, 5)]
[Dense(8, Activation.Relu, Name = "encoder")]
[Dense(2)]
public partial class PerPositionNet { }

/// <summary>The same, large enough (2,819 weights) for PredictBatch's GEMM path.</summary>
[Input(4, 40)]
[Dense(64, Activation.Tanh)]
[Dense(3)]
public partial class PerPositionWideNet { }
#pragma warning restore SN1002
