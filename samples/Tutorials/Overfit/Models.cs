using StaticNets;

namespace Tutorials.Overfit;

// The tutorial's models, each ending in one logit (the loss is binary cross-entropy from logits).

[Input(HiggsLikeData.Features)]
[Dense(16, Activation.Elu)]
[Dense(1)]
public partial class Tiny { }

[Input(HiggsLikeData.Features)]
[Dense(16, Activation.Elu)]
[Dense(16, Activation.Elu)]
[Dense(1)]
public partial class Small { }

[Input(HiggsLikeData.Features)]
[Dense(64, Activation.Elu)]
[Dense(64, Activation.Elu)]
[Dense(64, Activation.Elu)]
[Dense(1)]
public partial class Medium { }

[Input(HiggsLikeData.Features)]
[Dense(512, Activation.Elu)]
[Dense(512, Activation.Elu)]
[Dense(512, Activation.Elu)]
[Dense(512, Activation.Elu)]
[Dense(1)]
public partial class Large { }

/// <summary><c>kernel_regularizer=regularizers.l2(0.001)</c> on every hidden layer.</summary>
[Input(HiggsLikeData.Features)]
[Dense(512, Activation.Elu, KernelL2 = 0.001)]
[Dense(512, Activation.Elu, KernelL2 = 0.001)]
[Dense(512, Activation.Elu, KernelL2 = 0.001)]
[Dense(512, Activation.Elu, KernelL2 = 0.001)]
[Dense(1)]
public partial class L2Model { }

[Input(HiggsLikeData.Features)]
[Dense(512, Activation.Elu)]
[Dropout(0.5)]
[Dense(512, Activation.Elu)]
[Dropout(0.5)]
[Dense(512, Activation.Elu)]
[Dropout(0.5)]
[Dense(512, Activation.Elu)]
[Dropout(0.5)]
[Dense(1)]
public partial class DropoutModel { }

/// <summary>L2 (0.0001) and Dropout (0.5) together.</summary>
[Input(HiggsLikeData.Features)]
[Dense(512, Activation.Elu, KernelL2 = 0.0001)]
[Dropout(0.5)]
[Dense(512, Activation.Elu, KernelL2 = 0.0001)]
[Dropout(0.5)]
[Dense(512, Activation.Elu, KernelL2 = 0.0001)]
[Dropout(0.5)]
[Dense(512, Activation.Elu, KernelL2 = 0.0001)]
[Dropout(0.5)]
[Dense(1)]
public partial class CombinedModel { }
