using StaticNets;

namespace Tutorials.Regression;

// The tutorial's four models; each starts with its own Normalization layer, adapted to the training features.

/// <summary>Linear regression on one variable: <c>Sequential([horsepower_normalizer, Dense(units=1)])</c>.</summary>
[Input(1)]
[Normalization]
[Dense(1)]
public partial class HorsepowerModel { }

/// <summary>Linear regression on all nine features: <c>Sequential([normalizer, Dense(units=1)])</c>.</summary>
[Input(AutoMpg.FeatureCount)]
[Normalization]
[Dense(1)]
public partial class LinearModel { }

/// <summary><c>build_and_compile_model(horsepower_normalizer)</c>: two hidden ReLU layers of 64.</summary>
[Input(1)]
[Normalization]
[Dense(64, Activation.Relu)]
[Dense(64, Activation.Relu)]
[Dense(1)]
public partial class DnnHorsepowerModel { }

/// <summary><c>build_and_compile_model(normalizer)</c> on all nine features.</summary>
[Input(AutoMpg.FeatureCount)]
[Normalization]
[Dense(64, Activation.Relu)]
[Dense(64, Activation.Relu)]
[Dense(1)]
public partial class DnnModel { }

/// <summary>The tutorial's <c>normalizer</c> on its own, to show what it learns and does to the first example.</summary>
[Input(AutoMpg.FeatureCount)]
[Normalization]
public partial class FeatureNormalizer { }
