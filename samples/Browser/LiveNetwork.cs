using StaticNets;

namespace BrowserSample;

/// <summary>
/// The small model the page trains while you watch: the Keras tutorial's classifier with 32 hidden units instead of
/// 128 (25,450 weights), so that a training step takes milliseconds in the browser's interpreter.
/// </summary>
[Input(28, 28)]
[Flatten]
[Dense(32, Activation.Relu)]
[Dense(10)]
public partial class LiveMlp { }
