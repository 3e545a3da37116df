using StaticNets;

namespace Quickstart;

// The seed course's three practice networks, declared the way Keras's Sequential API builds them.

/// <summary>Practice 1: <c>Dense(10, activation="relu", input_shape=(2,))</c>, <c>Dense(1)</c>.</summary>
[Input(2)]
[Dense(10, Activation.Relu)]
[Dense(1)]
public partial class Practice1 { }

/// <summary>Practice 2: <c>Dense(5, activation="relu", input_shape=(3,))</c>, <c>Dense(1)</c>.</summary>
[Input(3)]
[Dense(5, Activation.Relu)]
[Dense(1)]
public partial class Practice2 { }

/// <summary>Practice 3: <c>Dense(3, activation="relu", input_shape=(2,))</c>, <c>Dense(1)</c>.</summary>
[Input(2)]
[Dense(3, Activation.Relu)]
[Dense(1)]
public partial class Practice3 { }
