using StaticNets;

namespace StaticNets.Benchmarks.Recurrent;

// StaticNets' side of the recurrent benchmarks (StaticNetsRecurrent): the cases of RecurrentCase as generated
// networks. The streamed ones are declared over the whole 4,096-sample signal; the benchmarks use their one-step
// form (CreateState/Step), which the generator derives with the steps axis at 1.

/// <summary>RTNeural's LSTM(16) audio model: 1 feature → LSTM(16) → Dense(1).</summary>
[Input(RecurrentCase.StreamSteps, 1)]
[LSTM(16)]
[Dense(1)]
public partial class Lstm16Stream { }

/// <summary>RTNeural's LSTM(32) audio model: 1 feature → LSTM(32) → Dense(1).</summary>
[Input(RecurrentCase.StreamSteps, 1)]
[LSTM(32)]
[Dense(1)]
public partial class Lstm32Stream { }

/// <summary>RTNeural's GRU(32) audio model: 1 feature → GRU(32, reset_after) → Dense(1).</summary>
[Input(RecurrentCase.StreamSteps, 1)]
[GRU(32)]
[Dense(1)]
public partial class Gru32Stream { }

/// <summary>The Fashion-MNIST row-by-row model: 28 steps of 28 features → LSTM(128) → Dense(10, softmax).</summary>
[Input(28, 28)]
[LSTM(128)]
[Dense(10, Activation.Softmax)]
public partial class FashionLstm { }
