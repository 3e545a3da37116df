using StaticNets;

namespace TimeSeries;

/// <summary>
/// A next-step forecaster: 64 steps of one value in, an LSTM that returns its whole sequence, and at each step a Dense
/// forecast of the value that comes next. Every layer works one step at a time, so it also streams (<c>Step</c>).
/// </summary>
[Input(64, 1)]
[LSTM(32, ReturnSequences = true)]
[Dense(1)]
public partial class Forecaster { }
